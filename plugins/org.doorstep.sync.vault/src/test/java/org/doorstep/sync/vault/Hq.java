package org.doorstep.sync.vault;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.doorstep.sync.command.Command;
import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.command.SignedCommands;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.packet.PacketOpener;
import org.doorstep.sync.pki.CaOptions;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.pki.EnrolmentBundle;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.pki.EnrolmentRequest;
import org.doorstep.sync.pki.InMemoryCaStore;
import org.doorstep.sync.pki.PkiSuite;

/**
 * HQ as the tests need it, all real: a device CA, HQ's encryption and signing keys with certificates issued under it,
 * enrolment codes and bundles, signed commands, and a packet opener holding HQ's private key.
 */
final class Hq {

    static final URI BROKER = URI.create("ssl://broker.hq.doorstep.invalid:8883");
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    final PkiSuite suite;
    final Clock clock;
    final DeviceCa ca;
    final KeyPair encryptionKey;
    final KeyPair signingKey;
    final X509CertificateHolder encryptionCertificate;
    final X509CertificateHolder signingCertificate;

    Hq(PkiSuite suite, Clock clock) {
        this.suite = suite;
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        this.ca = DeviceCa.createRoot(suite, "Doorstep Device CA (test)", CaOptions.defaults(
                URI.create("http://hq.doorstep.invalid/pki/devices.crl")), new InMemoryCaStore(), clock, random);
        this.encryptionKey = suite.generateKeyPair(random);
        this.signingKey = suite.generateKeyPair(random);
        this.encryptionCertificate = ca.issueHqCertificate(encryptionKey.getPublic(), "Doorstep HQ encryption",
                DeviceCa.HqKeyUse.ENCRYPTION);
        this.signingCertificate = ca.issueHqCertificate(signingKey.getPublic(), "Doorstep HQ signing",
                DeviceCa.HqKeyUse.SIGNING);
    }

    /** The one-time code HQ's administrator reads out to the officer, as the officer types it. */
    EnrolmentCode code(String deviceId) {
        return EnrolmentCode.parse(ca.issueCode(deviceId).code().formatted());
    }

    /** HQ signs the laptop's request and answers with the bundle. */
    EnrolmentBundle enrol(EnrolmentRequest request) throws Exception {
        return new EnrolmentBundle(ca.enrol(request.der()), ca.certificate(), encryptionCertificate, signingCertificate,
                BROKER);
    }

    byte[] command(String deviceId, long sequence, CommandType type, String body) throws Exception {
        Instant now = clock.instant();
        return SignedCommands.sign(new Command(deviceId, sequence, now, now.plus(Duration.ofDays(1)), type, body),
                signingKey.getPrivate(), suite);
    }

    /** HQ opens a packet file with its private key, checking the device's signature. */
    PacketOpener.OpenedPacket open(Path packet, X509Certificate deviceCertificate) throws Exception {
        PacketOpener opener = new PacketOpener(encryptionKey.getPrivate(), x509(encryptionCertificate), PacketLimits.DEFAULT);
        try (InputStream in = Files.newInputStream(packet)) {
            return opener.openInMemory(in, deviceCertificate);
        }
    }

    static X509Certificate x509(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] der(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
