package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.doorstep.sync.pki.CaOptions;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.pki.EnrolmentBundle;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.pki.EnrolmentRequest;
import org.doorstep.sync.pki.InMemoryCaStore;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.vault.CaseSealing;
import org.doorstep.sync.vault.DeviceEnrolment;
import org.doorstep.sync.vault.PacketSpoolFolder;
import org.doorstep.testing.e4.Drive;
import org.doorstep.testing.e4.Screenshots;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.vault.ShellIds;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.HqCaseStatus;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.VaultPolicy;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sync view and the status line over the real sync engine: a real vault enrolled with a real device CA (made by
 * the test) whose broker address is a loopback port nobody listens on, one case sealed and waiting, one delivered
 * with a status from HQ. The product's sync component starts the real {@code LaptopSync} when the officer unlocks;
 * it cannot connect, so the view must say "offline" in plain words, show the backlog and keep the case in the
 * outbox. A real HQ (broker + ingest) inside this OSGi test runtime was left out: the HQ module is a plain-Java
 * test fixture with HiveMQ and Derby network server, which the field feature does not ship.
 */
class SyncViewTest {

    private static final String DEVICE_ID = "dev-ui-test-01";
    private static final String PASSPHRASE = "门前的老槐树开花了吗";

    private Path data;

    @AfterEach
    void cleanUp() {
        if (data != null) {
            ProductData.deleteQuietly(data);
        }
    }

    @Test
    void offlineLaptopShowsBacklogPlainWordsOutboxAndDeliveredCases() throws Exception {
        data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "doorstep-ui-sync-");
        Cases cases = enrolledLaptopWithCases(data, unusedLoopbackPort());
        ProductData.use(data, null);

        RunningWorkbench.run(ui -> {
            ui.waitUntil("the unlock screen shows", () -> Drive.visible(ui, ShellIds.UNLOCK));
            Drive.type(ui, ShellIds.PASSPHRASE, PASSPHRASE);
            Drive.enter(ui, ui.get(ShellIds.PASSPHRASE, Text.class));
            ui.waitUntil("unlocked", () -> Drive.visible(ui, WidgetIds.NAVIGATION));

            Label statusSync = ui.get(WidgetIds.STATUS_SYNC, Label.class);
            ui.waitUntil("the status line shows offline with one case waiting",
                    () -> statusSync.getText().equals("同步：离线 · 待发送 1 件"));

            Drive.click(ui, WidgetIds.NAV_SYNC);
            ui.waitUntil("the sync view is on top", () -> Drive.visible(ui, WidgetIds.SECTION_SYNC));
            ui.waitUntil("the sync service runs", () -> ui.get(ShellIds.SYNC_ENGINE, Label.class).getText()
                    .equals("同步服务正在运行。"));
            ui.waitUntil("the failure is said in plain words", () -> ui.get(ShellIds.SYNC_PROBLEM, Label.class)
                    .getText().startsWith("现在连不上总部。案件安全地保存在发件箱里"));
            ui.waitUntil("the waiting case is listed", () -> ui.find(outboxId(cases.waiting)).isPresent());
            ui.settle();
            assertEquals("连接状态：离线", ui.get(ShellIds.SYNC_LINK, Label.class).getText());
            assertTrue(ui.get(ShellIds.SYNC_BACKLOG, Label.class).getText().startsWith("待发送：1 件，"),
                    ui.get(ShellIds.SYNC_BACKLOG, Label.class).getText());
            String waiting = ui.get(outboxId(cases.waiting), Label.class).getText();
            assertTrue(waiting.startsWith("案件 " + cases.waiting.substring(0, 8) + "（加急）：等待发送，"), waiting);
            ProgressBar bar = ui.get(outboxId(cases.waiting) + ".progress", ProgressBar.class);
            assertEquals(3, bar.getMaximum());
            assertEquals(1, bar.getSelection(), "sealed, not yet handed to the broker");
            String delivered = ui.get(ShellIds.SYNC_DELIVERED + "." + cases.delivered, Label.class).getText();
            assertTrue(delivered.startsWith("案件 " + cases.delivered.substring(0, 8) + "：送达于 "), delivered);
            assertTrue(delivered.contains("总部状态：已批准"), delivered);
            VaultScreensTest.Sizes.assertTouchable(ui.get(ShellIds.SYNC_NOW, Button.class));
            Screenshots.capture(ui.mainShell(), "sync-01-offline-with-backlog");

            Drive.click(ui, ShellIds.SYNC_NOW);
            ui.settle();
            assertEquals("同步：离线 · 待发送 1 件", statusSync.getText(), "sync now cannot reach HQ either");
            assertTrue(ui.find(outboxId(cases.waiting)).isPresent(), "the case stays in the outbox");

            Drive.click(ui, ShellIds.NAV_LOCK);
            ui.waitUntil("locking covers the work area", () -> Drive.visible(ui, ShellIds.UNLOCK));
            ui.waitUntil("the sync service stops with the lock", () -> !ui.find(outboxId(cases.waiting)).isPresent());
            assertEquals("同步：离线 · 待发送 1 件", statusSync.getText(), "the backlog stays on the status line");
            Screenshots.capture(ui.mainShell(), "sync-02-locked");
        });
    }

    private static String outboxId(String caseId) {
        return ShellIds.SYNC_OUTBOX + "." + caseId;
    }

    private record Cases(String waiting, String delivered) {
    }

    /** A laptop set up, enrolled with a device CA of the test's own, one urgent case sealed, another delivered. */
    private static Cases enrolledLaptopWithCases(Path dir, int port) throws Exception {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        try (Vault vault = Vault.setUp(dir, "笔记本-09", CryptoSuite.INTL, new Officer("A1001", "张警官"),
                PASSPHRASE.toCharArray(), PASSPHRASE.toCharArray(), VaultPolicy.DEFAULT, clock, random)) {
            PkiSuite suite = PkiSuite.byId("intl");
            DeviceCa ca = DeviceCa.createRoot(suite, "Doorstep Device CA (UI test)",
                    CaOptions.defaults(URI.create("http://hq.doorstep.invalid/pki/devices.crl")), new InMemoryCaStore(),
                    clock, random);
            KeyPair encryption = suite.generateKeyPair(random);
            KeyPair signing = suite.generateKeyPair(random);
            DeviceEnrolment enrolment = new DeviceEnrolment(vault, clock);
            EnrolmentRequest request = enrolment.request(DEVICE_ID,
                    EnrolmentCode.parse(ca.issueCode(DEVICE_ID).code().formatted()));
            enrolment.install(new EnrolmentBundle(ca.enrol(request.der()), ca.certificate(),
                    ca.issueHqCertificate(encryption.getPublic(), "Doorstep HQ encryption", DeviceCa.HqKeyUse.ENCRYPTION),
                    ca.issueHqCertificate(signing.getPublic(), "Doorstep HQ signing", DeviceCa.HqKeyUse.SIGNING),
                    URI.create("ssl://127.0.0.1:" + port)));

            String waiting = completeCase(vault, "王大爷 · 护照", true);
            String delivered = completeCase(vault, "李奶奶 · 身份证", false);
            CaseSealing sealing = new CaseSealing(vault, new PacketSpoolFolder(dir), clock, random);
            sealing.seal(waiting);
            PacketRecord packet = sealing.seal(delivered);
            // HQ's receipt and its later status, through the vault's own stores (as the sync service records them)
            vault.packets().delivered(packet.packetId(), "receipt-ui-test-1");
            vault.hqInbox().acceptStatus(1, delivered, HqCaseStatus.APPROVED, clock.instant(), null);
            return new Cases(waiting, delivered);
        }
    }

    private static String completeCase(Vault vault, String label, boolean urgent) {
        String id = vault.cases().create(label, urgent, List.of(new NewItem(ItemKind.FORM, "form", "application/json",
                "{\"applicant\":\"test\"}".getBytes(StandardCharsets.UTF_8)))).id();
        vault.cases().moveTo(id, CaseState.COMPLETE, null);
        return id;
    }

    /** A loopback port nobody listens on: the socket is closed again at once, so connecting is refused. */
    private static int unusedLoopbackPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
