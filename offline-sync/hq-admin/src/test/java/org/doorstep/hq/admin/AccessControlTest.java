package org.doorstep.hq.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.doorstep.sync.pki.RevocationReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may sign in and do what: the first administrator is made once; a wrong password and an unknown user get the
 * same answer; failed attempts make the user wait, longer each time; a viewer reads but every action is refused and
 * changes nothing; every sign-in and every action, done or refused, is in the administrators' hash-chained trail,
 * whose every kind of tampering is found.
 */
class AccessControlTest {

    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() throws Exception {
        store = new Store(dir.resolve("hq"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFirstAdministratorIsCreatedOnceAndAGeneratedPasswordWorks() throws Exception {
        assertFalse(store.admin.hasUsers());
        char[] generated = store.admin.createFirstAdmin("admin", "First Admin", null);
        assertEquals(20, generated.length);
        AdminException again = assertThrows(AdminException.class,
                () -> store.admin.createFirstAdmin("other", "Other", "another long password".toCharArray()));
        assertEquals(AdminException.Kind.CONFLICT, again.kind());
        AdminSession s = store.admin.signIn("admin", generated);
        assertEquals(Role.ADMIN, s.role());
        assertArrayEquals(new char[20], generated, "the caller's password array is cleared after sign-in");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswerAndBothAreAudited() throws Exception {
        AdminSession admin = store.firstAdmin();
        AdminException wrong = assertThrows(AdminException.class,
                () -> store.admin.signIn("admin", "not the password".toCharArray()));
        AdminException unknown = assertThrows(AdminException.class,
                () -> store.admin.signIn("nobody", "not the password".toCharArray()));
        assertEquals(AdminException.Kind.SIGN_IN, wrong.kind());
        assertEquals(wrong.getMessage(), unknown.getMessage());
        List<AdminAuditEntry> trail = admin.adminAudit(1, 100);
        assertTrue(trail.stream().anyMatch(e -> e.action().equals("SIGN_IN") && e.userId().equals("admin")
                && e.outcome().equals("refused") && e.detail().equals("wrong password")), trail.toString());
        assertTrue(trail.stream().anyMatch(e -> e.action().equals("SIGN_IN") && e.userId().equals("nobody")
                && e.detail().equals("unknown user")), trail.toString());
    }

    @Test
    void failedAttemptsMakeTheUserWaitLongerEachTimeAndTheRightPasswordClearsThem() throws Exception {
        store.firstAdmin();
        for (int i = 0; i < 3; i++) {
            assertThrows(AdminException.class, () -> store.admin.signIn("admin", "wrong password!".toCharArray()));
        }
        // the 4th failure (the options allow 3 free) makes the user wait 2 s
        assertThrows(AdminException.class, () -> store.admin.signIn("admin", "wrong password!".toCharArray()));
        AdminException waiting = assertThrows(AdminException.class,
                () -> store.admin.signIn("admin", Store.ADMIN_PASSWORD.clone()));
        assertTrue(waiting.getMessage().contains("try again after"), waiting.getMessage());
        store.clock.advance(Duration.ofSeconds(2));
        // the 5th failure: 4 s
        assertThrows(AdminException.class, () -> store.admin.signIn("admin", "wrong password!".toCharArray()));
        store.clock.advance(Duration.ofSeconds(3));
        assertTrue(assertThrows(AdminException.class, () -> store.admin.signIn("admin", Store.ADMIN_PASSWORD.clone()))
                .getMessage().contains("try again after"), "still waiting after 3 of 4 s");
        store.clock.advance(Duration.ofSeconds(1));
        AdminSession s = store.admin.signIn("admin", Store.ADMIN_PASSWORD.clone());
        assertEquals(0, s.users().get(0).failedAttempts(), "a right password clears the count");
    }

    @Test
    void aViewerReadsButEveryActionIsRefusedAuditedAndChangesNothing() throws Exception {
        AdminSession admin = store.firstAdmin();
        admin.addUser("zhao", "Zhao Viewer", Role.VIEWER, "viewer password 1".toCharArray());
        AdminSession viewer = store.admin.signIn("zhao", "viewer password 1".toCharArray());
        assertEquals(Role.VIEWER, viewer.role());
        viewer.devices();
        viewer.cases(CaseQuery.all());
        viewer.rejects(Optional.empty(), 10);
        viewer.report(Optional.empty(), Optional.empty(), Optional.empty());
        viewer.verifyAdminAudit();
        Map<String, Long> before = store.counts(false);
        UUID packet = UUID.randomUUID();
        WorkOrderRequest order = new WorkOrderRequest("WO-1", "王秀兰", Optional.empty(), Optional.empty(), "北京市朝阳区",
                "aged-60-plus", List.of("passport"), Optional.empty(), Optional.empty());
        Map<String, Executable> actions = Map.ofEntries(
                Map.entry("ENROL", () -> viewer.enrol("dev-1")),
                Map.entry("REVOKE", () -> viewer.revoke("dev-1", RevocationReason.KEY_COMPROMISE, "lost")),
                Map.entry("WIPE", () -> viewer.wipe("dev-1", "lost")),
                Map.entry("RESEND", () -> viewer.requestResend(packet, null)),
                Map.entry("APPROVE", () -> viewer.approve(packet, null)),
                Map.entry("RETURN", () -> viewer.returnCase(packet, "photo unusable")),
                Map.entry("STATUS", () -> viewer.sendStatus(packet, StatusUpdate.POSTED, null)),
                Map.entry("WORK_ORDER", () -> viewer.dispatchWorkOrder("dev-1", order)),
                Map.entry("IMPORT_MEDIA", () -> viewer.importMedia(dir)),
                Map.entry("USER_ADDED", () -> viewer.addUser("qian", "Qian", Role.ADMIN, "a long password 2".toCharArray())),
                Map.entry("ROLE_CHANGED", () -> viewer.setRole("zhao", Role.ADMIN)),
                Map.entry("USER_DISABLED", () -> viewer.setDisabled("admin", true)));
        for (Map.Entry<String, Executable> a : actions.entrySet()) {
            AdminException e = assertThrows(AdminException.class, a.getValue(), a.getKey());
            assertEquals(AdminException.Kind.FORBIDDEN, e.kind(), a.getKey());
            assertTrue(e.getMessage().startsWith("zhao is a viewer: only administrators may"), e.getMessage());
        }
        assertEquals(before, store.counts(false), "a refused action changes nothing");
        List<AdminAuditEntry> refused = admin.adminAudit(1, 1000).stream()
                .filter(e -> e.userId().equals("zhao") && e.outcome().equals("refused")).toList();
        assertEquals(actions.keySet(), new java.util.HashSet<>(refused.stream().map(AdminAuditEntry::action).toList()),
                "every refusal is in the trail");
        assertTrue(admin.verifyAdminAudit().intact());
    }

    /**
     * A user who leaves is disabled: they can no longer sign in, and a session they still have open can neither read
     * nor act (checked in each call's own transaction), nor get boards from its monitor; an administrator made a viewer
     * can no longer act. Nobody disables themselves; enabling again restores sign-in. Every step, refusals included,
     * is in the trail.
     */
    @Test
    void aDisabledUserCanNeitherSignInNorActThroughASessionStillOpen() throws Exception {
        AdminSession admin = store.firstAdmin();
        admin.addUser("qian", "Qian Admin", Role.ADMIN, "admin password 2".toCharArray());
        admin.addUser("sun", "Sun Admin", Role.ADMIN, "admin password 3".toCharArray());
        AdminSession qian = store.admin.signIn("qian", "admin password 2".toCharArray());
        AdminSession sun = store.admin.signIn("sun", "admin password 3".toCharArray());
        List<AdminException> monitorErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<DeviceBoard> boards = new java.util.concurrent.CopyOnWriteArrayList<>();

        try (BoardMonitor monitor = qian.watchBoard(java.time.Duration.ofMillis(100), boards::add, monitorErrors::add)) {
            awaitTrue("qian's board monitor delivered the board", () -> !boards.isEmpty());
            assertTrue(admin.setDisabled("qian", true).disabled());
            awaitTrue("qian's board monitor is refused", () -> !monitorErrors.isEmpty());
            assertEquals(AdminException.Kind.FORBIDDEN, monitorErrors.get(0).kind());
        }
        AdminException read = assertThrows(AdminException.class, qian::devices, "an open session reads no more");
        assertEquals(AdminException.Kind.FORBIDDEN, read.kind());
        assertTrue(read.getMessage().contains("qian has been disabled since signing in"), read.getMessage());
        AdminException signIn = assertThrows(AdminException.class,
                () -> store.admin.signIn("qian", "admin password 2".toCharArray()));
        assertEquals(AdminException.Kind.SIGN_IN, signIn.kind());
        Map<String, Long> before = store.counts(false);
        AdminException act = assertThrows(AdminException.class, () -> qian.enrol("dev-9"));
        assertEquals(AdminException.Kind.FORBIDDEN, act.kind());
        assertTrue(act.getMessage().contains("qian has been disabled since signing in"), act.getMessage());
        assertEquals(before, store.counts(false), "the refused action changed nothing");

        admin.setRole("sun", Role.VIEWER);
        AdminException demoted = assertThrows(AdminException.class, () -> sun.wipe("dev-9", "lost"));
        assertEquals(AdminException.Kind.FORBIDDEN, demoted.kind());
        assertTrue(demoted.getMessage().contains("sun has been made a viewer since signing in"), demoted.getMessage());

        AdminException self = assertThrows(AdminException.class, () -> admin.setDisabled("admin", true));
        assertEquals(AdminException.Kind.CONFLICT, self.kind());
        AdminException twice = assertThrows(AdminException.class, () -> admin.setDisabled("qian", true));
        assertEquals(AdminException.Kind.CONFLICT, twice.kind());
        AdminException nobody = assertThrows(AdminException.class, () -> admin.setDisabled("nobody", true));
        assertEquals(AdminException.Kind.NOT_FOUND, nobody.kind());

        assertFalse(admin.setDisabled("qian", false).disabled());
        AdminSession back = store.admin.signIn("qian", "admin password 2".toCharArray());
        // two administrators can sign in (sun is a viewer now): one may disable the other, who then cannot act
        assertTrue(back.setDisabled("admin", true).disabled());
        assertEquals(AdminException.Kind.FORBIDDEN,
                assertThrows(AdminException.class, () -> admin.setRole("sun", Role.ADMIN)).kind());

        assertEquals(AdminException.Kind.FORBIDDEN, assertThrows(AdminException.class, admin::users).kind(),
                "nor read");

        List<AdminAuditEntry> trail = back.adminAudit(1, 1000);
        assertTrue(trail.stream().anyMatch(e -> e.userId().equals("admin") && e.action().equals("USER_DISABLED")
                && e.target().equals("qian") && e.outcome().equals("done")), trail.toString());
        assertTrue(trail.stream().anyMatch(e -> e.userId().equals("qian") && e.action().equals("ENROL")
                && e.outcome().equals("refused")), trail.toString());
        assertTrue(trail.stream().anyMatch(e -> e.userId().equals("sun") && e.action().equals("WIPE")
                && e.outcome().equals("refused")), trail.toString());
        assertTrue(back.verifyAdminAudit().intact());
    }

    /** Polls (no time is asserted) until {@code condition} holds; fails naming it after 30 s. */
    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void theLastAdministratorCannotBeMadeAViewer() throws Exception {
        AdminSession admin = store.firstAdmin();
        AdminException e = assertThrows(AdminException.class, () -> admin.setRole("admin", Role.VIEWER));
        assertEquals(AdminException.Kind.CONFLICT, e.kind());
        admin.addUser("sun", "Sun Admin", Role.ADMIN, "admin password 3".toCharArray());
        assertEquals(Role.VIEWER, admin.setRole("admin", Role.VIEWER).role());
    }

    @Test
    void everyKindOfTamperingWithTheAdministratorsTrailIsFound() throws Exception {
        AdminSession admin = store.firstAdmin();
        for (int i = 0; i < 4; i++) {
            admin.recordExport("cases " + i, i);
        }
        AuditCheck intact = admin.verifyAdminAudit();
        assertTrue(intact.intact(), intact.breaks().toString());
        long last = intact.lastSeq();
        assertEquals(6, last, "the first administrator, the sign-in, four exports (checking is a read)");

        store.update("UPDATE admin_audit SET detail = '0 rows' WHERE seq = 4");
        assertTrue(admin.verifyAdminAudit().breaks().contains("entry 4 (EXPORT) was altered after it was written"),
                admin.verifyAdminAudit().breaks().toString());
        store.update("UPDATE admin_audit SET detail = '1 rows' WHERE seq = 4");
        assertTrue(admin.verifyAdminAudit().intact(), "restored");

        store.update("DELETE FROM admin_audit WHERE seq = 3");
        List<String> deleted = admin.verifyAdminAudit().breaks();
        assertTrue(deleted.contains("entry 3 is missing (deleted)"), deleted.toString());
        assertTrue(deleted.stream().anyMatch(b -> b.startsWith("entry 4 does not follow")), deleted.toString());
    }

    @Test
    void entriesCutFromTheEndOfTheTrailAreFound() throws Exception {
        AdminSession admin = store.firstAdmin();
        admin.recordExport("report", 3);
        long last = admin.verifyAdminAudit().lastSeq();
        store.update("DELETE FROM admin_audit WHERE seq = " + last);
        List<String> breaks = admin.verifyAdminAudit().breaks();
        assertTrue(breaks.stream().anyMatch(b -> b.contains("entries were cut from the end")), breaks.toString());
    }

    @Test
    void badPasswordsForNewUsersAreRefusedAndNothingIsAdded() throws Exception {
        AdminSession admin = store.firstAdmin();
        for (String bad : List.of("short", "aaaaaaaaaaaaaaaa", "with\ncontrol char")) {
            AdminException e = assertThrows(AdminException.class,
                    () -> admin.addUser("li", "Li", Role.VIEWER, bad.toCharArray()));
            assertEquals(AdminException.Kind.INPUT, e.kind(), bad);
        }
        for (String badId : List.of("", "has space", "hq-service", "x".repeat(33), "-dash")) {
            assertEquals(AdminException.Kind.INPUT, assertThrows(AdminException.class,
                    () -> admin.addUser(badId, "Li", Role.VIEWER, "good password 4".toCharArray())).kind(), badId);
        }
        assertEquals(1, admin.users().size());
    }
}
