package org.doorstep.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.doorstep.capture.signature.SignerRole;
import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.Issue;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.catalogue.Level;
import org.doorstep.domain.checklist.ChecklistItem;
import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.Application;
import org.doorstep.domain.form.Contact;
import org.doorstep.domain.form.Delivery;
import org.doorstep.domain.form.VisitBasis;
import org.doorstep.fingerprint.drivers.ImageImportDriver;
import org.doorstep.photo.FileImportSource;
import org.doorstep.photo.ImageLimits;
import org.doorstep.sync.outbox.OutboxCapacity;
import org.doorstep.sync.pki.CaOptions;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.pki.EnrolmentBundle;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.pki.InMemoryCaStore;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.vault.DeviceEnrolment;
import org.doorstep.sync.vault.PacketSpoolFolder;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.PacketRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completing a guided case on a laptop enrolled with HQ (a real device CA made by the test) seals it into a packet in
 * the outbox through the sync service; the case leaves the officer's list of drafts.
 */
class SealingTest {

    @TempDir
    Path dir;
    @TempDir
    Path files;

    @Test
    void completingOnAnEnrolledLaptopSealsTheCaseIntoTheOutbox() throws Exception {
        try (FieldFixture f = new FieldFixture(dir)) {
            enrol(f);
            GuidedCase c = readyToComplete(f);
            CaseCompletion.Outcome done = c.complete();
            assertEquals(Optional.empty(), done.waiting());
            PacketRecord packet = done.packet().orElseThrow();
            assertEquals(c.caseId(), packet.caseId());
            assertEquals(CaseState.QUEUED, f.vault.cases().get(c.caseId()).state());
            Path file = new PacketSpoolFolder(f.vault.dataDir()).fileOf(packet.packetId());
            assertTrue(Files.size(file) > 10_000, "the packet holds the case's photo, prints and scans");
            assertTrue(f.visits().list().stream().noneMatch(v -> v.caseId().equals(Optional.of(c.caseId()))),
                    "a sealed ad-hoc case is no longer among the visits to do");
        }
    }

    /** An ad-hoc case taken through every step: identity, a passport, scans, photo, two prints, signatures. */
    private GuidedCase readyToComplete(FieldFixture f) throws Exception {
        GuidedCase c = f.visits().startAdHoc();
        c.saveIdentity(new Applicant("王五", "11010519491231002X", null), null, null,
                new VisitBasis(VisitReason.AGED_60_PLUS, null), new Contact("北京市西城区某街道 2 号", "王六", "13900000001"),
                Locale.ENGLISH);
        c.saveApplications(List.of(new Application("passport", Issue.FIRST, List.of(), null)), null,
                new Delivery(DeliveryMethod.COLLECT, null), null, Locale.ENGLISH);
        for (ChecklistItem item : c.checklist().orElseThrow().items()) {
            if (!item.isPresent() && item.level() == Level.CORE) {
                c.attachScan(item.key(), FieldFixture.resource("scan-id-card.pdf"));
            } else if (!item.isPresent()) {
                c.acceptPending(item.key(), null);
            }
        }
        String family = c.photoFamilies().get(0).id();
        c.takePhoto(family, new FileImportSource(FieldFixture.file(files, "obama.jpg"), ImageLimits.DEFAULT));
        c.choosePhoto(family, 1, "坐姿受限");
        Path probe = FieldFixture.file(files, "probe.png");
        Path other = FieldFixture.file(files, "nonmatching.png");
        c.captureFinger(new ImageImportDriver(p -> Optional.of(probe)), c.nextFinger().orElseThrow());
        c.captureFinger(new ImageImportDriver(p -> Optional.of(other)), c.nextFinger().orElseThrow());
        c.sign(FieldFixture.signature(SignerRole.APPLICANT, "王五"));
        c.sign(FieldFixture.signature(SignerRole.OFFICER, "王警官"));
        assertEquals(List.of(), c.missing());
        return c;
    }

    @Test
    void aCaseWhosePacketWouldNotFitTheOutboxIsCompletedAndWaitsUnsealed() throws Exception {
        try (FieldFixture f = new FieldFixture(dir, new OutboxCapacity(1, Long.MAX_VALUE))) {
            enrol(f);
            String first = f.vault.cases().create("已在发件箱", false, List.of(new NewItem(ItemKind.FORM, "form",
                    "application/json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).id();
            CaseCompletion completion = new CaseCompletion(f.vault, f.context.clock(), new SecureRandom(),
                    f.context.outboxCapacity());
            assertTrue(completion.complete(first, "first").packet().isPresent(), "the first case fills the outbox");

            GuidedCase c = readyToComplete(f);
            assertEquals(Optional.of(CaseCompletion.Blocker.OUTBOX_FULL), completion.sealingBlocker(c.caseId()));
            CaseCompletion.Outcome done = c.complete();
            assertEquals(Optional.of(CaseCompletion.Blocker.OUTBOX_FULL), done.waiting());
            assertTrue(done.detail().orElseThrow().startsWith("the outbox is full: 1 packets"), done.detail().toString());
            assertEquals(Optional.empty(), done.packet());
            assertEquals(CaseState.COMPLETE, f.vault.cases().get(c.caseId()).state(), "complete, waiting, not sealed");
            assertEquals(List.of(), f.vault.packets().ofCase(c.caseId()));
            assertEquals(1, f.vault.packets().open().size(), "the waiting case was not evicted for it");
        }
    }

    /** The laptop enrolled with a device CA, as HQ's administrator and the officer would do it. */
    private static void enrol(FieldFixture f) throws Exception {
        PkiSuite suite = PkiSuite.INTL;
        SecureRandom random = new SecureRandom();
        DeviceCa ca = DeviceCa.createRoot(suite, "Doorstep Device CA (field test)",
                CaOptions.defaults(URI.create("http://hq.doorstep.invalid/pki/devices.crl")), new InMemoryCaStore(),
                f.fixture.clock, random); // HQ and the laptop on the same (test) clock
        KeyPair encryption = suite.generateKeyPair(random);
        KeyPair signing = suite.generateKeyPair(random);
        DeviceEnrolment enrolment = new DeviceEnrolment(f.vault, f.fixture.clock);
        String deviceId = "dev-field-cases";
        EnrolmentCode code = EnrolmentCode.parse(ca.issueCode(deviceId).code().formatted());
        enrolment.install(new EnrolmentBundle(ca.enrol(enrolment.request(deviceId, code).der()), ca.certificate(),
                ca.issueHqCertificate(encryption.getPublic(), "HQ encryption", DeviceCa.HqKeyUse.ENCRYPTION),
                ca.issueHqCertificate(signing.getPublic(), "HQ signing", DeviceCa.HqKeyUse.SIGNING),
                URI.create("ssl://broker.hq.doorstep.invalid:8883")));
    }
}
