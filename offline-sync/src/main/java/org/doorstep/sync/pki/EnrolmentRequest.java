package org.doorstep.sync.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * The laptop's certificate request (PKCS#10): subject {@code O=Doorstep, CN=<device id>}, the device's public key,
 * signed with the device key ({@code SHA256withECDSA} or {@code SM3withSM2}).
 *
 * <p><b>The enrolment code is not sent.</b> The PKCS#9 {@code challengePassword} attribute carries
 * {@code dsk1:<code id>:<proof>}, where the proof is an HMAC, keyed by a key derived from the code, over the
 * request's subject and public key. HQ, which knows the code, checks it; someone who sees the request (a proxy, a
 * log) learns neither the code nor a way to get a certificate for another key or another name.
 */
public final class EnrolmentRequest {

    /** Device ids become the certificate CN, the broker's user name and a topic level: no '/', '+', '#'. */
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String ORGANISATION = "Doorstep";
    static final String PROOF_PREFIX = "dsk1:";

    private final PKCS10CertificationRequest request;

    private EnrolmentRequest(PKCS10CertificationRequest request) {
        this.request = request;
    }

    public static EnrolmentRequest create(PkiSuite suite, String deviceId, KeyPair deviceKey, EnrolmentCode code) {
        Objects.requireNonNull(code, "code");
        if (!suite.owns(deviceKey.getPublic())) {
            throw new IllegalArgumentException("device key is not a " + suite.id() + " key");
        }
        X500Name subject = subject(deviceId);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(deviceKey.getPublic().getEncoded());
        String proof = PROOF_PREFIX + code.id(suite) + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(proof(suite, code.proofKey(suite), subject, spki));
        PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(subject, spki)
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERUTF8String(proof))
                .build(Pki.signer(suite, deviceKey.getPrivate()));
        return new EnrolmentRequest(csr);
    }

    /** The same, from the vault's {@code DeviceKey} encodings (PKCS#8 private key, SubjectPublicKeyInfo). */
    public static EnrolmentRequest create(PkiSuite suite, String deviceId, byte[] pkcs8, byte[] publicKeyInfo,
            EnrolmentCode code) throws GeneralSecurityException {
        return create(suite, deviceId, Pki.keyPair(pkcs8, publicKeyInfo), code);
    }

    public byte[] der() {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the request", e);
        }
    }

    public String pem() {
        return Pem.encode("CERTIFICATE REQUEST", der());
    }

    static X500Name subject(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device id must be 1-64 letters, digits, '.', '_' or '-': " + deviceId);
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANISATION).addRDN(BCStyle.CN, deviceId).build();
    }

    static byte[] proof(PkiSuite suite, byte[] proofKey, X500Name subject, SubjectPublicKeyInfo spki) {
        try {
            return EnrolmentCode.hmac(suite, proofKey, EnrolmentCode.label("csr"), subject.getEncoded("DER"),
                    spki.getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalArgumentException("unencodable subject or key", e);
        }
    }
}
