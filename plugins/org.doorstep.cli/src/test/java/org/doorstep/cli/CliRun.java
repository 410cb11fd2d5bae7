package org.doorstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.doorstep.vault.Fixture;
import org.doorstep.vault.keys.VaultPolicy;

/** Runs the command line in-process against one data folder and captures what it printed. */
final class CliRun {

    static final String PASSPHRASE = Fixture.PASSPHRASE;
    static final String OFFICER = Fixture.WANG.id();
    /**
     * The laptops are in China: the example's visit, at 09:30 Beijing time, was on 2026-11-20 whatever zone the
     * machine running the tests is in.
     */
    static final Clock LAPTOP = Clock.system(ZoneId.of("Asia/Shanghai"));

    /** What one command printed and returned. */
    record Result(int code, String out, String err) {

        /** Asserts a failure: the exit code, and exactly one line on stderr that names the problem. */
        Result assertFails(int expectedCode, String fragment) {
            List<String> lines = err.lines().toList();
            assertEquals(1, lines.size(), () -> "exactly one line on stderr, got: " + err);
            assertTrue(lines.get(0).startsWith("doorstep: "), lines.get(0));
            assertTrue(lines.get(0).contains(fragment), () -> "expected '" + fragment + "' in: " + lines.get(0));
            assertEquals(expectedCode, code, () -> "exit code; stderr: " + err);
            return this;
        }

        Result assertOk() {
            assertEquals("", err, "nothing on stderr");
            assertEquals(VaultCli.EXIT_OK, code);
            return this;
        }
    }

    final Path data;
    final VaultPolicy policy;

    CliRun(Path data, VaultPolicy policy) {
        this.data = data;
        this.policy = policy;
    }

    CliRun(Path data) {
        this(data, Fixture.POLICY);
    }

    /** Runs {@code args} with {@code --data} added after the command. */
    Result run(String stdin, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty()) {
            all.addAll(1, List.of("--data", data.toString()));
        }
        return raw(stdin, env, all.toArray(String[]::new));
    }

    /** Runs with the first officer's passphrase in the environment. */
    Result asOfficer(String... args) {
        return run("", Map.of(Passphrases.ENV, PASSPHRASE), args);
    }

    Result raw(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = VaultCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, env, policy,
                    LAPTOP);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Sets the vault up for {@link Fixture#WANG} with {@link Fixture#PASSPHRASE}, given on standard input. */
    void setUp() {
        run(PASSPHRASE + "\n" + PASSPHRASE + "\n", Map.of(), "setup", "--device", "FIELD-07", "--suite", "intl",
                "--officer", OFFICER, "--name", Fixture.WANG.name()).assertOk();
    }

    /** Entries in the audit trail as counted by {@code verify}, which itself adds its unlock before counting. */
    long auditEntries() {
        Result r = asOfficer("verify", "--as", OFFICER).assertOk();
        return Long.parseLong(r.out().replaceAll("(?s).*intact: (\\d+) entries.*", "$1"));
    }

    String listJson() {
        return asOfficer("list", "--as", OFFICER, "--json").assertOk().out();
    }

    /** Every file of the data folder with its SHA-256: equal snapshots mean nothing stored changed. */
    Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(data)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                files.put(data.relativize(p).toString(), HexFormat.of().formatHex(hash));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    static Path examples() {
        Path p = Path.of("").toAbsolutePath().resolve("../../docs/examples").normalize();
        assertTrue(Files.isDirectory(p), "tests run in the vault module's folder; no " + p);
        return p;
    }
}
