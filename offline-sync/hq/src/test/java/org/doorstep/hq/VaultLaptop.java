package org.doorstep.hq;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.outbox.OutboxCapacity;
import org.doorstep.sync.pki.EnrolmentBundle;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.vault.CaseSealing;
import org.doorstep.sync.vault.DeviceEnrolment;
import org.doorstep.sync.vault.PacketSpoolFolder;
import org.doorstep.sync.vault.SyncIdentity;
import org.doorstep.sync.vault.VaultPacketSpool;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;

/**
 * A real field laptop for the broker tests: the vault (encrypted Derby on disk in a temporary folder, its officer's
 * keyring, per-case keys, crypto-shredding) enrolled with the test's HQ the way the product enrols (the vault's own key,
 * a one-time code, HQ's bundle checked and installed), its spool ({@link VaultPacketSpool}) and its sealing.
 */
public final class VaultLaptop implements AutoCloseable {

    public final Fixture fixture;
    public final Path dataDir;
    public final String deviceId;
    public Vault vault;
    public final SecureRandom random = new SecureRandom();

    private VaultLaptop(Fixture fixture, Vault vault, String deviceId) {
        this.fixture = fixture;
        this.dataDir = fixture.dataDir;
        this.vault = vault;
        this.deviceId = deviceId;
    }

    /** Set up in {@code dir} and enrolled with {@code hq}; its bundle names {@code brokerUri}. */
    public static VaultLaptop enrolled(Path dir, TestHq hq, String deviceId, String brokerUri) throws Exception {
        Fixture fixture = new Fixture(dir);
        Vault vault = fixture.setUp(CryptoSuite.INTL);
        try {
            // HQ's CA and brokers judge certificates by the real clock, so the enrolment does too
            DeviceEnrolment enrolment = new DeviceEnrolment(vault, Clock.systemUTC());
            EnrolmentCode code = EnrolmentCode.parse(hq.ca.issueCode(deviceId).code().formatted());
            enrolment.install(new EnrolmentBundle(hq.ca.enrol(enrolment.request(deviceId, code).der()),
                    hq.ca.certificate(), new JcaX509CertificateHolder(hq.identity.encryptionCertificate()),
                    new JcaX509CertificateHolder(hq.identity.signingCertificate()), URI.create(brokerUri)));
            return new VaultLaptop(fixture, vault, deviceId);
        } catch (Exception | Error e) {
            vault.close();
            throw e;
        }
    }

    /** A case of one form item and {@code scans} scans of {@code bytes} random bytes each, completed. */
    public String completeCase(String marker, int scans, int bytes) {
        List<NewItem> items = new ArrayList<>();
        items.add(new NewItem(ItemKind.FORM, "form", "application/json",
                ("{\"marker\":\"" + marker + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (int i = 0; i < scans; i++) {
            byte[] content = new byte[bytes];
            random.nextBytes(content);
            items.add(new NewItem(ItemKind.SCAN, "scan." + i, "application/pdf", content));
        }
        String id = vault.cases().create(marker, false, items).id();
        vault.cases().moveTo(id, CaseState.COMPLETE, null);
        return id;
    }

    public PacketSpoolFolder spool() {
        return new PacketSpoolFolder(dataDir);
    }

    public CaseSealing sealing(OutboxCapacity capacity) {
        return new CaseSealing(vault, spool(), Clock.systemUTC(), random, capacity);
    }

    /** The sync engine over the vault's spool, as {@code LaptopSync} assembles it, with {@code faults} on its link. */
    public SyncClient client(BrokerSync world, Duration answerTimeout, UnaryOperator<SyncClient.Transport> faults)
            throws Exception {
        SyncIdentity identity = SyncIdentity.of(vault).orElseThrow();
        MqttLink link = vault.lendDeviceKey("sync link (test)", null, pkcs8 -> {
            try {
                return world.link(deviceId, KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                        identity.deviceCertificate(), identity.broker().toString());
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        });
        return world.laptop(deviceId, link, new VaultPacketSpool(vault, sealing(OutboxCapacity.DEFAULT)), 16 * 1024,
                answerTimeout, 100, faults);
    }

    /** Packet files (.dspk) in the spool folder. */
    public long packetFiles() throws IOException {
        Path folder = dataDir.resolve("outbox");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".dspk")).count();
        }
    }

    @Override
    public void close() {
        if (vault != null) {
            vault.close();
        }
    }
}
