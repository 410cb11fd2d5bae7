package org.doorstep.sync.link;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for the sync link, built in memory from a key and certificates: nothing is written to disk and the
 * JVM's default trust store is never consulted. Both ends of Doorstep's MQTT link trust exactly one anchor, HQ's
 * device CA — a laptop must not accept a broker certificate some public CA issued, and the broker must not accept a
 * client certificate that our CA did not issue.
 *
 * <p>Only the {@code intl} suite (ECDSA P-256) works here: the JDK's TLS has no SM2 cipher suites.
 */
public final class TlsContexts {

    private static final String ALIAS = "doorstep";

    private TlsContexts() {
    }

    /**
     * A context for a client that proves itself with {@code key} and {@code chain} (its own certificate first) and
     * accepts only a server whose certificate chains to {@code trustAnchorCa}.
     *
     * <p>The client speaks TLS 1.2 (ECDHE with AES-GCM, what both brokers offer). In TLS 1.3 the server judges the
     * client certificate only after the client has finished its handshake, so a refusal (a revoked laptop) reaches
     * the client as a broken connection after it believes it is connected — "Broken pipe" instead of
     * "certificate_revoked" — and Paho 1.2.5 then leaves its connect thread spinning for ever, one per attempt. In
     * TLS 1.2 the refusal is part of the handshake and names its reason.
     *
     * @throws IllegalArgumentException if the key does not fit the first certificate or the material is unusable
     */
    public static SSLContext client(PrivateKey key, List<X509Certificate> chain, X509Certificate trustAnchorCa) {
        return context("TLSv1.2", key, chain, trustAnchorCa);
    }

    /**
     * A context for a server that presents {@code key} and {@code chain} and trusts client certificates issued by
     * {@code clientCa}. Whether a client certificate is required is the server socket's choice
     * ({@code SSLParameters.setNeedClientAuth}).
     */
    public static SSLContext server(PrivateKey key, List<X509Certificate> chain, X509Certificate clientCa) {
        return context("TLS", key, chain, clientCa);
    }

    /**
     * A PKCS#12 key store holding {@code key} with {@code chain} under one alias, protected by {@code password}; for
     * servers that read their key from a file (the embedded broker writes it to its private folder).
     */
    public static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain, char[] password) {
        Objects.requireNonNull(key, "key");
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS key needs its certificate chain, own certificate first");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot put the TLS key and certificates into a key store: " + e.getMessage(),
                    e);
        }
    }

    /** A PKCS#12 trust store holding the given anchors only. */
    public static KeyStore trustStore(X509Certificate... anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.length; i++) {
                store.setCertificateEntry("anchor-" + i, Objects.requireNonNull(anchors[i], "trust anchor"));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(String protocol, PrivateKey key, List<X509Certificate> chain,
            X509Certificate anchor) {
        Objects.requireNonNull(anchor, "trust anchor");
        // the store never leaves memory; PKCS#12 just wants some password
        char[] password = "in-memory".toCharArray();
        try {
            // the key store re-reads the key with the JDK's own providers, so a key made by Bouncy Castle works too
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(key, chain, password), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(anchor));
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}
