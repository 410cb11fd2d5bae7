package org.doorstep.sync.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.doorstep.sync.pki.EnrolmentBundle;
import org.doorstep.sync.pki.EnrolmentBundleException;
import org.doorstep.sync.pki.EnrolmentRequest;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.vault.AuditAction;
import org.doorstep.vault.AuditEntry;
import org.doorstep.vault.SyncEnrolment;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The laptop's side of enrolment against a real device CA, in both suites. */
class LaptopEnrolmentTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void theLaptopAsksWithItsVaultKeyAndInstallsTheBundleHqSendsBack(CryptoSuite suite) throws Exception {
        try (Laptop laptop = Laptop.notEnrolled(dir, suite)) {
            DeviceEnrolment enrolment = new DeviceEnrolment(laptop.vault, laptop.fixture.clock);
            EnrolmentRequest request = enrolment.request(Laptop.DEVICE_ID, laptop.hq.code(Laptop.DEVICE_ID));
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(request.der());
            assertArrayEquals(laptop.vault.devicePublicKey(), csr.getSubjectPublicKeyInfo().getEncoded(),
                    "the request carries the vault's device key");
            EnrolmentBundle bundle = laptop.hq.enrol(request);
            // the bundle travels as a file: install what the officer carried over
            SyncEnrolment installed = enrolment.install(bundle.toJson());
            assertEquals(Laptop.DEVICE_ID, installed.deviceId());
            assertEquals(Hq.BROKER, installed.broker());
            SyncIdentity identity = SyncIdentity.of(laptop.vault).orElseThrow();
            assertEquals(Laptop.DEVICE_ID, identity.deviceId());
            assertArrayEquals(Hq.der(laptop.hq.signingCertificate), identity.hqSigningCertificate().getEncoded());
            assertArrayEquals(Hq.der(laptop.hq.ca.certificate()), identity.caCertificate().getEncoded());
            List<AuditAction> trail = laptop.vault.auditEntries(1, 1000).stream().map(AuditEntry::action).toList();
            assertTrue(trail.containsAll(List.of(AuditAction.ENROLMENT_REQUESTED, AuditAction.DEVICE_KEY_USED,
                    AuditAction.ENROLMENT_INSTALLED)), trail.toString());
            laptop.restart();
            assertEquals(installed, laptop.vault.syncSettings().enrolment().orElseThrow(), "kept across a restart");
        }
    }

    @Test
    void aCertificateForAnotherKeyIsRefusedAndNothingChanges() throws Exception {
        try (Laptop laptop = Laptop.notEnrolled(dir, CryptoSuite.INTL)) {
            DeviceEnrolment enrolment = new DeviceEnrolment(laptop.vault, laptop.fixture.clock);
            enrolment.request(Laptop.DEVICE_ID, laptop.hq.code(Laptop.DEVICE_ID));
            // HQ certified another key under this device's name (a request made elsewhere with a second code)
            KeyPair other = PkiSuite.INTL.generateKeyPair(laptop.random);
            EnrolmentBundle foreign = laptop.hq.enrol(EnrolmentRequest.create(PkiSuite.INTL, Laptop.DEVICE_ID, other,
                    laptop.hq.code(Laptop.DEVICE_ID)));
            EnrolmentBundleException e = assertThrows(EnrolmentBundleException.class, () -> enrolment.install(foreign));
            assertTrue(e.getMessage().contains("another key than this laptop's device key"), e.getMessage());
            assertTrue(laptop.vault.syncSettings().enrolment().isEmpty());
            assertEquals(Optional.of(Laptop.DEVICE_ID), laptop.vault.syncSettings().requestedDeviceId(),
                    "the request still waits for its own bundle");
        }
    }

    @Test
    void aCertificateForAnotherDeviceIdIsRefused() throws Exception {
        try (Laptop laptop = Laptop.notEnrolled(dir, CryptoSuite.INTL)) {
            DeviceEnrolment enrolment = new DeviceEnrolment(laptop.vault, laptop.fixture.clock);
            enrolment.request(Laptop.DEVICE_ID, laptop.hq.code(Laptop.DEVICE_ID));
            // a certificate for this very key, but issued to another device id
            EnrolmentRequest elsewhere = laptop.vault.lendDeviceKey("test: request under another name", null,
                    pkcs8 -> EnrolmentRequest.create(PkiSuite.INTL, "dev-other", pkcs8, laptop.vault.devicePublicKey(),
                            laptop.hq.code("dev-other")));
            EnrolmentBundleException e = assertThrows(EnrolmentBundleException.class,
                    () -> enrolment.install(laptop.hq.enrol(elsewhere)));
            assertTrue(e.getMessage().contains("for device \"dev-other\", but this laptop asked for \"dev-field-07\""),
                    e.getMessage());
            assertTrue(laptop.vault.syncSettings().enrolment().isEmpty());
        }
    }

    @Test
    void aBundleThatDoesNotChainToItsCaIsRefused() throws Exception {
        try (Laptop laptop = Laptop.notEnrolled(dir, CryptoSuite.INTL)) {
            DeviceEnrolment enrolment = new DeviceEnrolment(laptop.vault, laptop.fixture.clock);
            EnrolmentBundle good = laptop.hq.enrol(enrolment.request(Laptop.DEVICE_ID, laptop.hq.code(Laptop.DEVICE_ID)));
            Hq impostor = new Hq(PkiSuite.INTL, laptop.fixture.clock);
            EnrolmentBundle otherCa = new EnrolmentBundle(good.deviceCertificate(), impostor.ca.certificate(),
                    impostor.encryptionCertificate, impostor.signingCertificate, Hq.BROKER);
            assertTrue(assertThrows(EnrolmentBundleException.class, () -> enrolment.install(otherCa)).getMessage()
                    .contains("deviceCertificate: "));
            EnrolmentBundle foreignHq = new EnrolmentBundle(good.deviceCertificate(), good.caCertificate(),
                    impostor.encryptionCertificate, good.hqSigningCertificate(), Hq.BROKER);
            assertTrue(assertThrows(EnrolmentBundleException.class, () -> enrolment.install(foreignHq)).getMessage()
                    .startsWith("hqEncryptionCertificate: "));
            assertTrue(laptop.vault.syncSettings().enrolment().isEmpty());
        }
    }

    @Test
    void garbageAndBundlesFromAnotherCaLeaveTheInstalledEnrolmentAsItWas() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            SyncEnrolment before = laptop.vault.syncSettings().enrolment().orElseThrow();
            DeviceEnrolment enrolment = new DeviceEnrolment(laptop.vault, laptop.fixture.clock);
            for (String garbage : List.of("", "{}", "not json", "{\"format\":\"doorstep-enrolment/1\"}")) {
                assertThrows(EnrolmentBundleException.class,
                        () -> enrolment.install(garbage.getBytes(StandardCharsets.UTF_8)), garbage);
            }
            // a whole, valid bundle for this key and id, but from another CA: the trust anchor is not swapped
            Hq other = new Hq(PkiSuite.INTL, laptop.fixture.clock);
            EnrolmentRequest again = enrolment.request(Laptop.DEVICE_ID, other.code(Laptop.DEVICE_ID));
            EnrolmentBundleException e = assertThrows(EnrolmentBundleException.class,
                    () -> enrolment.install(other.enrol(again)));
            assertTrue(e.getMessage().contains("enrolled under another CA"), e.getMessage());
            assertEquals(before, laptop.vault.syncSettings().enrolment().orElseThrow());
            // a renewal from the same CA is accepted
            X509CertificateHolder renewed = laptop.hq.enrol(enrolment.request(Laptop.DEVICE_ID,
                    laptop.hq.code(Laptop.DEVICE_ID))).deviceCertificate();
            enrolment.install(new EnrolmentBundle(renewed, laptop.hq.ca.certificate(), laptop.hq.encryptionCertificate,
                    laptop.hq.signingCertificate, Hq.BROKER));
            assertArrayEquals(renewed.getEncoded(), laptop.vault.syncSettings().enrolment().orElseThrow().deviceCertificate());
        }
    }

    @Test
    void aBundleWithoutARequestIsRefused() throws Exception {
        try (Laptop laptop = Laptop.notEnrolled(dir, CryptoSuite.INTL)) {
            EnrolmentBundle bundle = laptop.hq.enrol(EnrolmentRequest.create(PkiSuite.INTL, Laptop.DEVICE_ID,
                    PkiSuite.INTL.generateKeyPair(laptop.random), laptop.hq.code(Laptop.DEVICE_ID)));
            EnrolmentBundleException e = assertThrows(EnrolmentBundleException.class,
                    () -> new DeviceEnrolment(laptop.vault, laptop.fixture.clock).install(bundle));
            assertTrue(e.getMessage().contains("no certificate request was made on this laptop"), e.getMessage());
            assertFalse(laptop.vault.syncSettings().enrolment().isPresent());
        }
    }
}
