package org.doorstep.hq.console.internal.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.Csv;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.FileChooser;
import org.doorstep.hq.console.internal.dialogs.MessageBox;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.widgets.Shell;

/**
 * CSV exports of what an area shows: where to (the {@link FileChooser} in the context, so tests can answer), written
 * in the background (UTF-8 with BOM, formula-safe, all or nothing: {@link Csv#write}), and recorded in the
 * administrators' trail.
 */
final class Exports {

    private Exports() {
    }

    static Optional<Path> choose(IEclipseContext context, Shell shell, String suggested, ConsoleMessages m) {
        FileChooser chooser = context.get(FileChooser.class);
        return (chooser == null ? FileChooser.SYSTEM : chooser).save(shell, suggested, "*.csv", m.export_filter);
    }

    static void write(AreaPart part, Path file, String what, List<String> header, List<List<String>> rows) {
        part.call(part.m.export_busy, () -> {
            try {
                Csv.write(file, header, rows);
            } catch (IOException e) {
                throw new AdminException(AdminException.Kind.INPUT, "the file " + file + " cannot be written: "
                        + e.getMessage(), e);
            }
            part.session.recordExport(what + " to " + file.getFileName(), rows.size());
            return rows.size();
        }, n -> MessageBox.done(part.root.getShell(), part.m, part.formats, part.m.export_done_heading,
                part.formats.format(part.m.export_done_text, n, file.toString())));
    }
}
