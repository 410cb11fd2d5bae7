package org.doorstep.sync.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What we issue is ordinary X.509: OpenSSL reads the request, verifies the chain and honours the CRL. */
class OpenSslInteropTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void openSslReadsRequestAndVerifiesDeviceCertificate(PkiSuite suite) throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
        TestPki pki = new TestPki(suite);
        String deviceId = enrolAndWrite(pki);

        Result csr = openssl("req", "-in", "device.csr", "-noout", "-verify", "-subject");
        assertEquals(0, csr.exit, csr.output);
        assertTrue(csr.output.contains("CN = " + deviceId), csr.output);

        Result plain = openssl(verify(suite, at(pki), "-purpose", "sslclient", "-CAfile", "ca.pem", "device.pem"));
        assertEquals(0, plain.exit, plain.output);
        assertTrue(plain.output.contains("device.pem: OK"), plain.output);
    }

    /**
     * intl only: OpenSSL 3.0 has no way to give the SM2 id for a CRL's signature (it reports "CRL signature
     * failure"); gm CRLs are checked by our own verifier (RevocationTest).
     */
    @Test
    void openSslHonoursCrlAndRefusesRevokedDevice() throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
        TestPki pki = new TestPki(PkiSuite.INTL);
        enrolAndWrite(pki);
        String[] crlCheck = verify(PkiSuite.INTL, at(pki), "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "ca.pem",
                "device.pem");
        Result before = openssl(crlCheck);
        assertEquals(0, before.exit, before.output);

        var cert = new X509CertificateHolder(Pem.decode("CERTIFICATE", Files.readString(dir.resolve("device.pem"))));
        pki.ca.revoke(cert.getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        Files.writeString(dir.resolve("crl.pem"), Pem.encode("X509 CRL", pki.ca.crl().getEncoded()));
        Result after = openssl(crlCheck);
        assertNotEquals(0, after.exit, after.output);
        assertTrue(after.output.contains("certificate revoked"), after.output);
        System.out.printf("[openssl] before revocation: %s; after: %s%n", before.output.strip(),
                after.output.strip().replace('\n', ' '));
    }

    /** Enrols a device and writes device.csr, device.pem, ca.pem and crl.pem; returns the device id. */
    private String enrolAndWrite(TestPki pki) throws Exception {
        String deviceId = TestPki.newDeviceId();
        DeviceCa.IssuedCode code = pki.ca.issueCode(deviceId);
        EnrolmentRequest request = EnrolmentRequest.create(pki.suite, deviceId, pki.newKey(), code.code());
        Files.writeString(dir.resolve("device.csr"), request.pem());
        var cert = pki.ca.enrol(request.der());
        Files.writeString(dir.resolve("ca.pem"), Pem.encode("CERTIFICATE", pki.ca.certificate().getEncoded()));
        Files.writeString(dir.resolve("device.pem"), Pem.encode("CERTIFICATE", cert.getEncoded()));
        Files.writeString(dir.resolve("crl.pem"), Pem.encode("X509 CRL", pki.ca.crl().getEncoded()));
        return deviceId;
    }

    private static String at(TestPki pki) {
        return Long.toString(pki.clock.instant().plus(Duration.ofMinutes(1)).getEpochSecond());
    }

    /**
     * {@code openssl verify} at the test clock's time. SM2 signatures hash a signer id into the message; Bouncy
     * Castle uses the GM/T 0009 default "1234567812345678", which OpenSSL 3.0 does not assume for certificates, so
     * the gm case names it with {@code -vfyopt}.
     */
    private static String[] verify(PkiSuite suite, String at, String... rest) {
        List<String> args = new ArrayList<>(List.of("verify", "-attime", at));
        if (suite == PkiSuite.GM) {
            args.addAll(List.of("-vfyopt", "distid:1234567812345678"));
        }
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    private record Result(int exit, String output) {
    }

    private Result openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl did not finish");
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
