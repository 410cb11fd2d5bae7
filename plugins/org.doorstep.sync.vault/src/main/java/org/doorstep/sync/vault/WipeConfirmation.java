package org.doorstep.sync.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.doorstep.vault.crypto.CryptoSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Proof, for HQ, that this laptop carried out a remote wipe: signed with the device key just before the wipe
 * destroys it, and kept in the data folder ({@value #FILE}), which the wipe leaves (the key file keeps its own
 * record of when and why). After a wipe the laptop has no key to connect with, so the proof travels later: read by
 * support, or reported when the laptop is enrolled again. It holds no personal data.
 *
 * <pre>
 * {"format":"doorstep-wipe-confirmation/1","payload":"&lt;base64 JSON&gt;","signature":"&lt;base64 DER&gt;"}
 * payload: {"device":…,"sequence":…,"commandIssuedAt":…,"wipedAt":…,"reason":…}
 * </pre>
 *
 * Signed {@code SHA256withECDSA} ({@code intl}) or {@code SM3withSM2} ({@code gm}) over the payload's exact bytes,
 * as HQ's commands are; HQ checks it against the device certificate it issued.
 */
public record WipeConfirmation(String deviceId, long sequence, Instant commandIssuedAt, Instant wipedAt,
        String reason) {

    public static final String FORMAT = "doorstep-wipe-confirmation/1";
    public static final String FILE = "wipe-confirmation.json";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    public WipeConfirmation {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(commandIssuedAt, "commandIssuedAt");
        Objects.requireNonNull(wipedAt, "wipedAt");
        Objects.requireNonNull(reason, "reason");
    }

    /** Signs the confirmation with the device key and writes it atomically into the data folder. */
    void write(Path dataDir, byte[] pkcs8, CryptoSuite suite) throws IOException {
        ObjectNode payload = BodyReader.JSON.createObjectNode();
        payload.put("device", deviceId).put("sequence", sequence).put("commandIssuedAt", commandIssuedAt.toString())
                .put("wipedAt", wipedAt.toString()).put("reason", reason);
        byte[] bytes = BodyReader.JSON.writeValueAsBytes(payload);
        byte[] signature;
        try {
            PrivateKey key = KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            Signature signer = Signature.getInstance(algorithm(suite), BC);
            signer.initSign(key);
            signer.update(bytes);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the wipe confirmation: " + e.getMessage(), e);
        }
        ObjectNode envelope = BodyReader.JSON.createObjectNode();
        envelope.put("format", FORMAT).put("payload", Base64.getEncoder().encodeToString(bytes))
                .put("signature", Base64.getEncoder().encodeToString(signature));
        Path file = dataDir.resolve(FILE);
        Path temp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(BodyReader.JSON.writeValueAsBytes(envelope));
            out.flush();
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        PacketSpoolFolder.forceFolder(dataDir);
    }

    /** The signed confirmation left by a remote wipe of this data folder, if there is one. */
    public static Optional<byte[]> read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    /**
     * HQ's check: the confirmation is signed by the key of {@code deviceCertificate} and names its device.
     *
     * @throws IllegalArgumentException saying why it is not a valid confirmation
     */
    public static WipeConfirmation verify(byte[] signed, X509Certificate deviceCertificate, CryptoSuite suite) {
        byte[] payload;
        byte[] signature;
        try {
            JsonNode envelope = BodyReader.object(new String(signed, StandardCharsets.UTF_8));
            BodyReader.fields(envelope, "$", Set.of("format", "payload", "signature"), Set.of());
            if (!FORMAT.equals(envelope.get("format").asText())) {
                throw new BodyReader.InvalidBody("$.format: not " + FORMAT);
            }
            payload = Base64.getDecoder().decode(envelope.get("payload").asText());
            signature = Base64.getDecoder().decode(envelope.get("signature").asText());
        } catch (BodyReader.InvalidBody | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid wipe confirmation: " + e.getMessage(), e);
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(algorithm(suite), BC);
            verifier.initVerify(deviceCertificate.getPublicKey());
            verifier.update(payload);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalArgumentException("the wipe confirmation is not signed by this device's key");
        }
        WipeConfirmation confirmation;
        try {
            JsonNode p = BodyReader.object(new String(payload, StandardCharsets.UTF_8));
            BodyReader.fields(p, "$.payload", Set.of("device", "sequence", "commandIssuedAt", "wipedAt", "reason"), Set.of());
            confirmation = new WipeConfirmation(p.get("device").asText(), p.get("sequence").asLong(),
                    Instant.parse(p.get("commandIssuedAt").asText()), Instant.parse(p.get("wipedAt").asText()),
                    p.get("reason").asText());
        } catch (BodyReader.InvalidBody | RuntimeException e) {
            throw new IllegalArgumentException("not a valid wipe confirmation: " + e.getMessage(), e);
        }
        String cn = commonName(deviceCertificate);
        if (!cn.equals(confirmation.deviceId())) {
            throw new IllegalArgumentException("the wipe confirmation names device " + confirmation.deviceId()
                    + ", the certificate is device " + cn + "'s");
        }
        return confirmation;
    }

    static String commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cns.length == 1 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : "";
    }

    private static String algorithm(CryptoSuite suite) {
        return suite == CryptoSuite.GM ? "SM3withSM2" : "SHA256withECDSA";
    }
}
