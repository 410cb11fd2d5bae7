package org.doorstep.hq.dispatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.doorstep.sync.pki.Pem;

/**
 * The CRL publisher for a production Mosquitto ({@code offline-sync/broker/mosquitto.conf}, {@code crlfile}):
 * Mosquitto reads its CRL file only at start and on SIGHUP, so the new CRL is written to the file atomically (a
 * temporary file beside it, renamed over it) and then the reload command runs, e.g.
 * {@code systemctl reload mosquitto} or {@code kill -HUP <pid>}. A reload that fails is reported, and the dispatcher
 * tries again at its next pass (it records the CRL as published only after this returns).
 */
public final class CrlFile implements CommandDispatcher.CrlPublisher {

    private final Path file;
    private final List<String> reload;

    /**
     * @param file   Mosquitto's {@code crlfile}
     * @param reload the command that makes the broker read it again; empty when the broker reads it by itself
     */
    public CrlFile(Path file, List<String> reload) {
        this.file = file.toAbsolutePath();
        this.reload = List.copyOf(reload);
    }

    @Override
    public void publish(X509CRL crl) throws IOException, InterruptedException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, Pem.encode("X509 CRL", crl.getEncoded()), StandardCharsets.US_ASCII);
        } catch (CRLException e) {
            throw new IOException("the CRL cannot be encoded: " + e.getMessage(), e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (reload.isEmpty()) {
            return;
        }
        Process p = new ProcessBuilder(reload).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", reload) + " did not finish within 30 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", reload) + " failed (exit " + p.exitValue() + "): "
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
