package org.doorstep.sync.vault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import org.doorstep.sync.pki.EnrolmentBundle;
import org.doorstep.sync.pki.EnrolmentBundleException;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.vault.SyncEnrolment;
import org.doorstep.vault.Vault;

/**
 * Enrols the laptop with HQ's enrolment endpoint in one step: the certificate request (made from the vault's device
 * key, proving the one-time code) goes to HQ, and HQ's bundle is installed only if its CA is the one whose
 * fingerprint the administrator handed over with the code. The fingerprint is what makes a plain connection safe:
 * a bundle from anyone else, or with HQ keys that do not chain to that CA, is refused and changes nothing.
 */
public final class OnlineEnrolment {

    private static final int MAX_ANSWER = EnrolmentBundle.MAX_BYTES;

    private OnlineEnrolment() {
    }

    /**
     * @param endpoint      HQ's enrolment address, e.g. {@code http://hq:8470/v1/enrol}
     * @param code          the one-time code, as typed (groups and case do not matter)
     * @param caFingerprint {@code SHA256:AB:CD:…} (colons, case and the prefix optional)
     */
    public static SyncEnrolment enrol(Vault vault, URI endpoint, String code, String caFingerprint, Clock clock)
            throws IOException, EnrolmentBundleException {
        Objects.requireNonNull(vault, "vault");
        byte[] expectedCa = fingerprint(caFingerprint);
        EnrolmentCode typed = EnrolmentCode.parse(code);
        DeviceEnrolment enrolment = new DeviceEnrolment(vault, clock);
        byte[] request = enrolment.request(vault.deviceName(), typed).der();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/pkcs10").POST(HttpRequest.BodyPublishers.ofByteArray(request))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("enrolment was interrupted", e);
        }
        byte[] body = answer.body();
        if (body.length > MAX_ANSWER) {
            throw new EnrolmentBundleException("HQ's answer is larger than " + MAX_ANSWER + " bytes");
        }
        if (answer.statusCode() != 200) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            throw new EnrolmentBundleException("HQ refused the enrolment (" + answer.statusCode() + "): "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
        }
        EnrolmentBundle bundle = EnrolmentBundle.parse(body);
        byte[] actualCa = sha256(bundle.caCertificate().getEncoded());
        if (!MessageDigest.isEqual(expectedCa, actualCa)) {
            throw new EnrolmentBundleException("the bundle's CA has fingerprint SHA256:"
                    + HexFormat.ofDelimiter(":").withUpperCase().formatHex(actualCa)
                    + ", not the one given with the code: this is not your HQ, nothing was installed");
        }
        return enrolment.install(bundle);
    }

    static byte[] fingerprint(String text) throws EnrolmentBundleException {
        String hex = Objects.requireNonNull(text, "caFingerprint").strip().toUpperCase(Locale.ROOT);
        if (hex.startsWith("SHA256:")) {
            hex = hex.substring("SHA256:".length());
        }
        hex = hex.replace(":", "").replace(" ", "");
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new EnrolmentBundleException("the CA fingerprint must be 32 bytes of hex (SHA256:AB:CD:…), as HQ"
                    + " printed it");
        }
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
