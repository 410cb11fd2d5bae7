package org.doorstep.sync.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM in and out, for OpenSSL, Mosquitto and people. Private keys are always PKCS#8 ("PRIVATE KEY"). */
public final class Pem {

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The DER of the first PEM block of the given type.
     *
     * @throws IllegalArgumentException if there is none or it is not valid base64
     */
    public static byte[] decode(String type, String pem) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
                if (object.getType().equals(type)) {
                    return object.getContent();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not valid PEM: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no " + type + " in the PEM text");
    }
}
