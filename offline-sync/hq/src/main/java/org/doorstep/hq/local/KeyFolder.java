package org.doorstep.hq.local;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * The local HQ's keys and certificates as PEM files in one folder (owner-only permissions). This is the
 * development and demonstration HQ: a production HQ keeps its CA and HQ keys in an HSM or an operating-system
 * key store, which is outside this project. Nothing here is ever logged.
 */
public final class KeyFolder {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private final Path dir;

    public KeyFolder(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        ownerOnly(dir, true);
    }

    public Path dir() {
        return dir;
    }

    public Path keyFile(String name) {
        return dir.resolve(name + ".key");
    }

    public Path certificateFile(String name) {
        return dir.resolve(name + ".pem");
    }

    public boolean has(String name) {
        return Files.isRegularFile(keyFile(name)) && Files.isRegularFile(certificateFile(name));
    }

    public void save(String name, PrivateKey key, X509CertificateHolder certificate) throws IOException {
        write(keyFile(name), new JcaPKCS8Generator(key, null));
        write(certificateFile(name), certificate);
    }

    public void saveCertificate(String name, Object pemObject) throws IOException {
        write(certificateFile(name), pemObject);
    }

    public PrivateKey key(String name) throws IOException {
        try (Reader r = Files.newBufferedReader(keyFile(name), StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            if (!(o instanceof PrivateKeyInfo info)) {
                throw new IOException(keyFile(name) + " does not hold a PKCS#8 private key");
            }
            return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info);
        }
    }

    public X509CertificateHolder certificate(String name) throws IOException {
        try (Reader r = Files.newBufferedReader(certificateFile(name), StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IOException(certificateFile(name) + " does not hold a certificate");
            }
            return holder;
        }
    }

    public KeyPair keyPair(String name) throws IOException {
        try {
            return new KeyPair(new JcaX509CertificateConverter().setProvider(BC).getCertificate(certificate(name))
                    .getPublicKey(), key(name));
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(certificateFile(name) + ": " + e.getMessage(), e);
        }
    }

    public static X509Certificate jca(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("cannot convert a certificate", e);
        }
    }

    public Optional<Path> existing(String file) {
        Path p = dir.resolve(file);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    private static void write(Path file, Object pemObject) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(pemObject);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.US_ASCII);
        ownerOnly(tmp, false);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void ownerOnly(Path p, boolean directory) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): the folder's ACL is the administrator's to set
        }
    }
}
