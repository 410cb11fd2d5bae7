package org.doorstep.sync.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A one-time enrolment code as an officer types it: 26 random Crockford base32 symbols (130 bits) and 2 check
 * symbols, shown in groups of four ({@code 7K2M-...-Q9}). Crockford's alphabet has no I, L, O or U, and reading
 * accepts I/L for 1 and O for 0, lower case, spaces and dashes. The check symbols are the first 10 bits of
 * SHA-256 over the random part: a typo is caught on the laptop (all but 1 in 1024) before anything is sent.
 *
 * <p>The code itself never leaves the laptop. Both sides derive from it, with HMAC keyed by the code, an
 * identifier (sent in the request so HQ finds the code) and a proof key (which MACs the request's subject and
 * public key). 130 bits make guessing the code from its identifier hopeless.
 */
public final class EnrolmentCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int RANDOM_SYMBOLS = 26;
    static final int CHECK_SYMBOLS = 2;

    private final String symbols; // canonical: 28 upper-case Crockford symbols, no separators

    private EnrolmentCode(String symbols) {
        this.symbols = symbols;
    }

    public static EnrolmentCode generate(SecureRandom random) {
        StringBuilder body = new StringBuilder(RANDOM_SYMBOLS + CHECK_SYMBOLS);
        for (int i = 0; i < RANDOM_SYMBOLS; i++) {
            body.append(ALPHABET.charAt(random.nextInt(32)));
        }
        return new EnrolmentCode(body + check(body.toString()));
    }

    /**
     * Reads a code as typed.
     *
     * @throws IllegalArgumentException naming what is wrong (length, a symbol, or the check) — never echoing the code
     */
    public static EnrolmentCode parse(String typed) {
        if (typed == null) {
            throw new IllegalArgumentException("no enrolment code");
        }
        StringBuilder canonical = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char mapped = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(mapped) < 0) {
                throw new IllegalArgumentException("enrolment code contains a character that is not in its alphabet");
            }
            canonical.append(mapped);
        }
        if (canonical.length() != RANDOM_SYMBOLS + CHECK_SYMBOLS) {
            throw new IllegalArgumentException("enrolment code has " + canonical.length() + " symbols, expected "
                    + (RANDOM_SYMBOLS + CHECK_SYMBOLS));
        }
        String body = canonical.substring(0, RANDOM_SYMBOLS);
        if (!check(body).equals(canonical.substring(RANDOM_SYMBOLS))) {
            throw new IllegalArgumentException("enrolment code is mistyped (its check symbols do not match)");
        }
        return new EnrolmentCode(canonical.toString());
    }

    /** The code in groups of four, as printed for the officer. */
    public String formatted() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < symbols.length(); i += 4) {
            if (i > 0) {
                out.append('-');
            }
            out.append(symbols, i, Math.min(i + 4, symbols.length()));
        }
        return out.toString();
    }

    /** What the request carries so that HQ finds the code: 16 bytes of HMAC(code, "id"), hex. */
    public String id(PkiSuite suite) {
        byte[] mac = hmac(suite, symbols.getBytes(StandardCharsets.US_ASCII), label("id"));
        return HexFormat.of().formatHex(mac, 0, 16);
    }

    /**
     * The key that proves knowledge of the code; HQ keeps this (not the code) while the code is open. Public so that
     * HQ's administration service can open a code in HQ's store without the CA's private key, which issuing a code
     * does not need.
     */
    public byte[] proofKey(PkiSuite suite) {
        return hmac(suite, symbols.getBytes(StandardCharsets.US_ASCII), label("proof"));
    }

    static byte[] hmac(PkiSuite suite, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(suite.macAlgorithm(), Pki.PROVIDER);
            mac.init(new SecretKeySpec(key, suite.macAlgorithm()));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(suite.macAlgorithm() + " unavailable", e);
        }
    }

    static byte[] label(String purpose) {
        return ("doorstep/v1/enrol/" + purpose).getBytes(StandardCharsets.US_ASCII);
    }

    private static String check(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII));
            int bits = ((digest[0] & 0xff) << 2) | ((digest[1] & 0xff) >>> 6);
            return "" + ALPHABET.charAt(bits >>> 5) + ALPHABET.charAt(bits & 31);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnrolmentCode other && MessageDigest.isEqual(
                symbols.getBytes(StandardCharsets.US_ASCII), other.symbols.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbols);
    }

    /** Never prints the code: toString ends up in logs. */
    @Override
    public String toString() {
        return "EnrolmentCode[****]";
    }
}
