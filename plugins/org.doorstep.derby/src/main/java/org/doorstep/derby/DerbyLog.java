package org.doorstep.derby;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Where Derby writes its error log ({@code derby.stream.error.field}): into the platform logger, line by
 * line, instead of a {@code derby.log} file wherever the process happens to run. Derby logs boot and
 * shutdown notices and errors; it never logs our data (statement text logging stays off).
 */
public final class DerbyLog {

    private static final System.Logger LOG = System.getLogger("org.doorstep.derby");

    /** Read by Derby through reflection. */
    public static final OutputStream SINK = new OutputStream() {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else if (line.size() < 4096) {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            flushLine();
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8).strip();
            line.reset();
            if (!text.isEmpty()) {
                boolean error = text.startsWith("ERROR") || text.matches("^[\\w.$]*(Exception|Error)\\b.*");
                LOG.log(error ? Level.WARNING : Level.DEBUG, text);
            }
        }
    };

    private DerbyLog() {
    }
}
