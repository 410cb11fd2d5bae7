package org.doorstep.hq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.doorstep.hq.admin.cli.AdminCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin command line's refusals, in-process over a real store: every option and argument with a bad value is
 * refused in one line with exit 1 and the store unchanged (most before the store is opened, the others by the
 * service's own checks); sign-in failures exit 2, a viewer's action exits 2, a missing store 4, a broken trail 3.
 */
class AdminCliTest {

    @TempDir
    Path dir;
    private Store store;
    private String url;
    private final Map<String, String> env = new HashMap<>();

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void open() throws Exception {
        store = new Store(dir.resolve("hq"));
        store.firstAdmin();
        url = store.url;
        env.put("DOORSTEP_HQ_USER", "admin");
        env.put("DOORSTEP_HQ_PASSWORD", new String(Store.ADMIN_PASSWORD));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                store.clock, Store.options());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return runWithInput("", args);
    }

    private String[] db(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", url));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** Refused with {@code exit}, one line on stderr naming {@code words}, and nothing in the store changed. */
    private void refused(int exit, String words, boolean auditChanges, String... args) throws Exception {
        Map<String, Long> before = store.counts(!auditChanges);
        Run r = run(args);
        assertEquals(exit, r.exit(), String.join(" ", args) + " → " + r.err());
        assertTrue(r.err().startsWith("doorstep hq-admin: "), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(words), String.join(" ", args) + " → " + r.err());
        assertEquals("", r.out(), "nothing on stdout");
        assertEquals(before, store.counts(!auditChanges), String.join(" ", args) + " changed the store");
    }

    @Test
    void everyBadGlobalOptionIsRefusedBeforeTheStoreIsOpened() throws Exception {
        refused(1, "no command given", false);
        refused(1, "unknown option --bogus", false, "--bogus", "devices");
        refused(1, "--db needs a value", false, "--db");
        refused(1, "--db is given twice", false, "--db", url, "--db", url, "devices");
        refused(1, "not a time zone", false, "--zone", "Mars/Base", "devices");
        refused(1, "not both", false, "--db", url, "--hq-data", dir.toString(), "devices");
        refused(1, "expected a JDBC URL", false, "--db", "hq.db", "devices");
        refused(1, "unknown command nonsense", false, db("nonsense"));
        refused(4, "start the HQ service", false, "--hq-data", dir.resolve("no-hq").toString(), "devices");
    }

    @Test
    void everyBadCommandArgumentIsRefusedInOneLineWithExitOne() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("exports"));
        String packet = UUID.randomUUID().toString();
        refused(1, "devices takes no argument", false, db("devices", "extra"));
        refused(1, "workers takes no argument", false, db("workers", "hq-ingest-1"));
        refused(1, "--csv: the folder of", false, db("devices", "--csv", dir.resolve("none/x.csv").toString()));
        refused(1, "is a folder", false, db("devices", "--csv", folder.toString()));
        refused(1, "--from: expected a day", false, db("cases", "--from", "2026-13-01"));
        refused(1, "is before --from", false, db("cases", "--from", "2026-12-02", "--to", "2026-12-01"));
        refused(1, "--state: a case state is", false, db("cases", "--state", "lost"));
        refused(1, "--limit: 1 to", false, db("cases", "--limit", "0"));
        refused(1, "--limit: expected a whole number", false, db("cases", "--limit", "ten"));
        refused(1, "--limit: 1 to", false, db("cases", "--limit", "10001"));
        refused(1, "--device: a device id", false, db("cases", "--device", "bad id!"));
        refused(1, "--from needs a value", false, db("cases", "--from"));
        refused(1, "unknown option --owner for cases", false, db("cases", "--owner", "x"));
        refused(1, "case takes a packet id or a case id", false, db("case"));
        refused(1, "unexpected b", false, db("case", "a1b2c3d4", "b"));
        refused(1, "--limit: 1 to", false, db("rejects", "--limit", "-1"));
        refused(1, "--from: expected a whole number", false, db("audit", "--from", "first"));
        refused(1, "--verify is given twice", false, db("audit", "--verify", "--verify"));
        refused(1, "is before --from", false, db("report", "--from", "2026-02-01", "--to", "2026-01-01"));
        refused(1, "enrol takes a device id", false, db("enrol"));
        refused(1, "revoke needs --reason", false, db("revoke", "dev-1"));
        refused(1, "--crl-reason: key-compromise", false, db("revoke", "dev-1", "--reason", "lost", "--crl-reason", "stolen"));
        refused(1, "wipe needs --reason", false, db("wipe", "dev-1"));
        refused(1, "expected a packet id", false, db("resend", "not-a-uuid"));
        refused(1, "expected a packet id", false, db("approve", "12345"));
        refused(1, "return needs --reason", false, db("return", packet));
        refused(1, "a status is accepted", false, db("status", packet, "lost"));
        refused(1, "status takes a packet id and a status", false, db("status", packet));
        refused(1, "work-order needs --document", false, db("work-order", "dev-1", "--order-id", "WO-1"));
        refused(1, "--due: expected a day", false, db("work-order", "dev-1", "--order-id", "WO-1", "--name", "王",
                "--address", "北京", "--reason", "aged-60-plus", "--document", "passport", "--due", "tomorrow"));
        refused(1, "work-order needs --address", false, db("work-order", "dev-1", "--order-id", "WO-1", "--name", "王",
                "--reason", "aged-60-plus", "--document", "passport"));
        refused(1, "is not a folder", false, db("import-media", dir.resolve("no-stick").toString()));
        refused(1, "a role is admin or viewer", false, db("user-add", "bob", "--name", "Bob", "--role", "king"));
        refused(1, "user-role takes a user id and a role", false, db("user-role", "bob"));
        refused(1, "user-disable takes a user id", false, db("user-disable"));
        refused(1, "user-enable takes a user id", false, db("user-enable", "bob", "carol"));
    }

    @Test
    void valuesOnlyTheServiceCanJudgeAreRefusedAfterSignInAndChangeNothing() throws Exception {
        String order = "--order-id";
        refused(1, "a case is named by its id", true, db("case", "x"));
        refused(1, "a device id is", true, db("enrol", "bad/id"));
        refused(1, "names starting with hq- are HQ's own", true, db("enrol", "hq-ingest-9"));
        refused(1, "identity number: not a valid GB 11643", true, db("work-order", "dev-1", order, "WO-1", "--name",
                "王秀兰", "--address", "北京市", "--reason", "aged-60-plus", "--document", "passport", "--id-number",
                "110101199003070000"));
        refused(1, "visit reason: expected one of", true, db("work-order", "dev-1", order, "WO-1", "--name", "王秀兰",
                "--address", "北京市", "--reason", "bored", "--document", "passport"));
        refused(1, "is not an application type", true, db("work-order", "dev-1", order, "WO-1", "--name", "王秀兰",
                "--address", "北京市", "--reason", "aged-60-plus", "--document", "spaceship-licence"));
        refused(1, "phone: expected", true, db("work-order", "dev-1", order, "WO-1", "--name", "王秀兰", "--address",
                "北京市", "--reason", "aged-60-plus", "--document", "passport", "--phone", "call me"));
        refused(1, "order id: expected", true, db("work-order", "dev-1", order, "WO 1", "--name", "王秀兰", "--address",
                "北京市", "--reason", "aged-60-plus", "--document", "passport"));
        refused(1, "HQ knows no laptop dev-1", true, db("work-order", "dev-1", order, "WO-1", "--name", "王秀兰",
                "--address", "北京市", "--reason", "aged-60-plus", "--document", "passport"));
        refused(1, "HQ rejected no packet", true, db("resend", UUID.randomUUID().toString()));
        refused(1, "reason: a returned case needs a reason", true, db("return", UUID.randomUUID().toString(), "--reason",
                " "));
        refused(1, "there is no user bob", true, db("user-disable", "bob"));
        env.put("DOORSTEP_HQ_NEW_PASSWORD", "short");
        refused(1, "a password has 12 to 1024 characters", true, db("user-add", "bob", "--name", "Bob", "--role", "viewer"));
        // every refusal after sign-in is in the trail
        List<AdminAuditEntry> trail = store.admin.signIn("admin", Store.ADMIN_PASSWORD.clone()).adminAudit(1, 500);
        assertTrue(trail.stream().filter(e -> e.outcome().equals("refused")).count() >= 10, trail.toString());
    }

    @Test
    void signInFailuresExitTwoAndThePasswordIsNeverAnArgument() throws Exception {
        env.remove("DOORSTEP_HQ_USER");
        refused(2, "who is signing in?", false, db("devices"));
        env.put("DOORSTEP_HQ_USER", "admin");
        env.remove("DOORSTEP_HQ_PASSWORD");
        refused(2, "no password given", false, db("devices"));
        Run fromStdin = runWithInput(new String(Store.ADMIN_PASSWORD) + "\n", db("users"));
        assertEquals(0, fromStdin.exit(), fromStdin.err());
        assertTrue(fromStdin.out().contains("admin"), fromStdin.out());
        env.put("DOORSTEP_HQ_PASSWORD", "not the password");
        refused(2, "wrong user id or password", true, db("users"));
        refused(1, "unknown option --password", false, db("--password", "x", "users"));
    }

    @Test
    void aViewerIsRefusedActionsWithExitTwo() throws Exception {
        store.admin.signIn("admin", Store.ADMIN_PASSWORD.clone()).addUser("zhao", "Zhao", Role.VIEWER,
                "viewer password 1".toCharArray());
        env.put("DOORSTEP_HQ_USER", "zhao");
        env.put("DOORSTEP_HQ_PASSWORD", "viewer password 1");
        refused(2, "zhao is a viewer: only administrators may enrol", true, db("enrol", "dev-1"));
        refused(2, "only administrators may wipe", true, db("wipe", "dev-1", "--reason", "lost"));
        Run read = run(db("devices"));
        assertEquals(0, read.exit(), read.err());
        assertTrue(read.out().contains("0 laptop(s)"), read.out());
        Run workers = run(db("workers"));
        assertEquals(0, workers.exit(), workers.err());
        assertTrue(workers.out().contains("0 worker(s), 0 alive: nothing the laptops send is stored until one runs"),
                workers.out());
        // zhao leaves: disabled by the administrator, zhao can no longer sign in
        env.put("DOORSTEP_HQ_USER", "admin");
        env.put("DOORSTEP_HQ_PASSWORD", new String(Store.ADMIN_PASSWORD));
        Run disabled = run(db("user-disable", "zhao"));
        assertEquals(0, disabled.exit(), disabled.err());
        assertEquals("zhao is disabled: it can no longer sign in or act", disabled.out().strip());
        env.put("DOORSTEP_HQ_USER", "zhao");
        env.put("DOORSTEP_HQ_PASSWORD", "viewer password 1");
        assertEquals(2, run(db("devices")).exit(), "a disabled user's sign-in is refused");
    }

    @Test
    void aBrokenAdministratorsTrailExitsThree() throws Exception {
        Run ok = run(db("audit", "--verify"));
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("intact"), ok.out());
        store.update("UPDATE admin_audit SET user_id = 'mallory' WHERE seq = 1");
        Run broken = run(db("audit", "--verify"));
        assertEquals(3, broken.exit(), broken.out() + broken.err());
        assertTrue(broken.out().contains("BROKEN: entry 1 (USER_ADDED) was altered"), broken.out());
    }

    @Test
    void helpNeedsNoStoreAndNoPassword() {
        env.clear();
        Run help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("usage: doorstep hq-admin"), help.out());
    }
}
