package org.doorstep.hq.console.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A whole HQ site in a child JVM ({@code org.doorstep.hq.admin.ConsoleTestSite} from offline-sync/hq's test classes,
 * on that module's test class path): Mosquitto, HQ ingest with two workers, the dispatcher, Derby's network server,
 * and a fleet of laptops using the real sync client. The HQ module runs on a plain class path (the embedded broker's
 * jars, HQ's keys, Derby's network server) and is no OSGi bundle, so it cannot run inside this test runtime; the
 * console reaches it exactly as in production, through the store's Derby network server.
 *
 * <p>Commands are lines; their answers arrive on a reader thread and complete a {@link Reply}, so that a UI test waits
 * for them in the event loop without blocking it.
 */
final class HqSite implements AutoCloseable {

    /** What one laptop itself sent, as the site printed it. */
    record Laptop(String id, String officer, int delivered, int backlogCases, long backlogBytes,
            Optional<Duration> oldestUnsent, String software, int catalogue, Instant sentAt, long auditEntries,
            List<String> pendingReview) {

        static Laptop parse(String line) {
            String[] w = line.split(" ");
            Map<String, String> v = new LinkedHashMap<>();
            for (int i = 1; i < w.length; i++) {
                int eq = w[i].indexOf('=');
                if (eq > 0) {
                    v.put(w[i].substring(0, eq), w[i].substring(eq + 1));
                }
            }
            String oldest = v.get("oldestUnsentMs");
            String pending = v.get("pendingReview");
            return new Laptop(w[0], v.get("officer"), Integer.parseInt(v.get("delivered")),
                    Integer.parseInt(v.get("backlogCases")), Long.parseLong(v.get("backlogBytes")),
                    oldest.equals("-") ? Optional.empty() : Optional.of(Duration.ofMillis(Long.parseLong(oldest))),
                    v.get("software"), Integer.parseInt(v.get("catalogue")), Instant.parse(v.get("sentAt")),
                    Long.parseLong(v.get("auditEntries")), pending.equals("-") ? List.of() : List.of(pending.split(",")));
        }
    }

    /** The answer to one command: the words after {@code OK <command>}, or the failure. */
    static final class Reply {
        final String command;
        final CompletableFuture<String> answer = new CompletableFuture<>();

        Reply(String command) {
            this.command = command;
        }

        boolean done() {
            return answer.isDone();
        }

        /** The answer; fails the test with the site's reason if the command failed. */
        String text() {
            if (!answer.isDone()) {
                throw new AssertionError("the site has not answered " + command + " yet");
            }
            return answer.join();
        }
    }

    private final Process process;
    private final Writer in;
    private final Path log;
    private final Deque<Reply> waiting = new ArrayDeque<>();
    private final Map<String, Laptop> fleet = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile String store;
    private volatile boolean fleetReady;
    private volatile String failure;

    private HqSite(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "hq-site-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the site with {@code size} laptops in {@code work}; the first administrator is {@code admin} with
     * {@code password}. Returns at once: the store's URL comes first ({@link #store()}), the fleet later.
     */
    static HqSite start(Path work, int size, String password) throws IOException {
        Path module = Path.of(System.getProperty("doorstep.hq.site.module", "../../offline-sync/hq")).toAbsolutePath()
                .normalize();
        Path classpathFile = module.resolve("target/test-classpath.txt");
        if (!Files.isRegularFile(classpathFile) || !Files.isDirectory(module.resolve("target/test-classes"))) {
            throw new IllegalStateException("offline-sync/hq is not built with its tests (" + classpathFile
                    + "): build the reactor from the root, e.g. ./mvnw verify -Dtest=ConsoleFleetTest"
                    + " -Dsurefire.failIfNoSpecifiedTests=false");
        }
        String classpath = module.resolve("target/test-classes") + java.io.File.pathSeparator
                + module.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(classpathFile).strip();
        Files.createDirectories(work);
        Path log = work.resolve("site.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx768m", "-Djava.awt.headless=true",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dderby.stream.error.file=" + work.resolve("derby.log"), "-cp", classpath,
                "org.doorstep.hq.admin.ConsoleTestSite", work.resolve("site").toString(), Integer.toString(size))
                .directory(module.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("DOORSTEP_SITE_ADMIN_PASSWORD", password);
        return new HqSite(pb.start(), log);
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("STORE ")) {
                    store = line.substring(6).strip();
                } else if (line.startsWith("LAPTOP ")) {
                    Laptop l = Laptop.parse(line.substring(7));
                    fleet.put(l.id(), l);
                } else if (line.startsWith("FLEET READY")) {
                    fleetReady = true;
                } else if (line.startsWith("FAIL start")) {
                    failure = line;
                } else if (line.startsWith("OK ") || line.startsWith("FAIL ")) {
                    Reply reply;
                    synchronized (waiting) {
                        reply = waiting.pollFirst();
                    }
                    if (reply != null) {
                        if (line.startsWith("OK ")) {
                            String rest = line.substring(3);
                            int space = rest.indexOf(' ');
                            reply.answer.complete(space < 0 ? "" : rest.substring(space + 1));
                        } else {
                            reply.answer.completeExceptionally(new AssertionError("the site could not " + reply.command
                                    + ": " + line + " (log: " + log + ")"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            failure = "the site's output broke: " + e;
        }
        failure = failure == null ? "the site ended (log: " + log + ")" : failure;
        synchronized (waiting) {
            waiting.forEach(w -> w.answer.completeExceptionally(new AssertionError(failure)));
            waiting.clear();
        }
    }

    /** Sends a command; wait for {@link Reply#done()} (in the event loop), then read {@link Reply#text()}. */
    Reply send(String command) {
        Reply reply = new Reply(command);
        synchronized (waiting) {
            waiting.addLast(reply);
        }
        try {
            in.write(command + "\n");
            in.flush();
        } catch (IOException e) {
            reply.answer.completeExceptionally(new AssertionError("the site does not listen: " + e));
        }
        return reply;
    }

    /** The store's JDBC URL once it is up, else null; fails if the site failed. */
    String store() {
        check();
        return store;
    }

    boolean fleetReady() {
        check();
        return fleetReady;
    }

    Map<String, Laptop> fleet() {
        synchronized (fleet) {
            return new LinkedHashMap<>(fleet);
        }
    }

    void check() {
        if (failure != null) {
            throw new AssertionError("the HQ site failed: " + failure + "; its log:\n" + tail());
        }
    }

    /** The last lines of the site's log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Waits outside any event loop (before a workbench runs). */
    String awaitStore(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (store() == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the HQ site did not start within " + patience + "; its log:\n" + tail());
            }
            Thread.sleep(50);
        }
        return store;
    }

    @Override
    public void close() throws Exception {
        try {
            in.write("quit\n");
            in.flush();
            in.close();
        } catch (IOException e) {
            // gone already
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
