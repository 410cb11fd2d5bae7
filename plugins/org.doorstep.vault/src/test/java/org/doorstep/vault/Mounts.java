package org.doorstep.vault;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small file systems and read-only mounts for tests of a full or read-only data disk. Mounting needs root
 * with CAP_SYS_ADMIN (as in the sandbox and in CI containers run privileged); without it the test is skipped
 * with an assumption that says so. Everything mounted is unmounted by {@link #close}, innermost first.
 */
final class Mounts implements AutoCloseable {

    private final Deque<Path> mounted = new ArrayDeque<>();

    /** Whether this process runs as root, which ignores file permissions (so chmod cannot make a folder read-only). */
    static boolean runningAsRoot(Path scratch) throws IOException {
        Path probe = Files.createTempFile(scratch, "uid", ".probe");
        try {
            return ((Integer) Files.getAttribute(probe, "unix:uid")) == 0;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false; // not a Unix file system: no root in that sense
        } finally {
            Files.delete(probe);
        }
    }

    /** Mounts a tmpfs of {@code size} (e.g. "16m") on {@code dir}, or skips the test saying why it cannot. */
    Path tmpfs(Path dir, String size) throws IOException {
        Files.createDirectories(dir);
        Result r = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString());
        assumeTrue(r.ok(), () -> "skipped: mounting a " + size + " tmpfs needs root with CAP_SYS_ADMIN, which this "
                + "process lacks (mount said: " + r.output() + ")");
        mounted.push(dir);
        return dir;
    }

    /** Mounts {@code dir} over itself read-only (a bind mount), or skips the test saying why it cannot. */
    void bindReadOnly(Path dir) {
        Result bind = run("mount", "--bind", dir.toString(), dir.toString());
        assumeTrue(bind.ok(), () -> "skipped: root ignores file permissions, so a read-only folder needs a read-only "
                + "bind mount, which needs CAP_SYS_ADMIN, which this process lacks (mount said: " + bind.output() + ")");
        mounted.push(dir);
        check(run("mount", "-o", "remount,bind,ro", dir.toString()), "make the bind mount of " + dir + " read-only");
    }

    /** Changes a mount's options: "ro", "rw", "size=32m". Refused while a file on it is open for writing ("ro"). */
    void remount(Path dir, String options) {
        check(run("mount", "-o", "remount," + options, dir.toString()), "remount " + dir + " with " + options);
    }

    void unmount(Path dir) {
        mounted.remove(dir);
        umount(dir);
    }

    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        while (!mounted.isEmpty()) {
            Path dir = mounted.pop();
            try {
                umount(dir);
            } catch (IllegalStateException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures));
        }
    }

    private static void umount(Path dir) {
        Result r = run("umount", dir.toString());
        if (!r.ok()) {
            // Busy: Derby 10.17 keeps a container file open after a failed log write, even past shutdown.
            // Detach it now; the kernel frees it when the JVM ends.
            check(run("umount", "-l", dir.toString()), "unmount " + dir);
        }
    }

    private static void check(Result r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException("could not " + what + ": " + r.output());
        }
    }

    private record Result(boolean ok, String output) {
    }

    private static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(false, String.join(" ", command) + " did not finish");
            }
            return new Result(p.exitValue() == 0, out.isEmpty() ? "exit " + p.exitValue() : out);
        } catch (IOException e) {
            return new Result(false, "cannot run " + command[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }
}
