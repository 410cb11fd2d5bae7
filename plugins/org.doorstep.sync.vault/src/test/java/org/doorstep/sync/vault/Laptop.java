package org.doorstep.sync.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;

/**
 * A field laptop for the tests: a real vault (encrypted Derby on disk, the vault's own test fixture) and the sync
 * service's parts over it, enrolled with a real {@link Hq} unless asked not to be.
 */
final class Laptop implements AutoCloseable {

    static final String DEVICE_ID = "dev-field-07";

    final Fixture fixture;
    final Hq hq;
    final PacketSpoolFolder spool;
    final SecureRandom random = new SecureRandom();
    Vault vault;
    CaseSealing sealing;

    private Laptop(Fixture fixture, Hq hq, Vault vault) {
        this.fixture = fixture;
        this.hq = hq;
        this.vault = vault;
        this.spool = new PacketSpoolFolder(fixture.dataDir);
        this.sealing = new CaseSealing(vault, spool, fixture.clock, random);
    }

    static Laptop enrolled(Path dir, CryptoSuite suite) throws Exception {
        Laptop laptop = notEnrolled(dir, suite);
        DeviceEnrolment enrolment = new DeviceEnrolment(laptop.vault, laptop.fixture.clock);
        enrolment.install(laptop.hq.enrol(enrolment.request(DEVICE_ID, laptop.hq.code(DEVICE_ID))));
        return laptop;
    }

    static Laptop notEnrolled(Path dir, CryptoSuite suite) throws Exception {
        Fixture fixture = new Fixture(dir);
        Vault vault = fixture.setUp(suite);
        return new Laptop(fixture, new Hq(PkiSuite.byId(suite.id()), fixture.clock), vault);
    }

    /** The laptop in {@code dir}, set up and enrolled earlier (by this JVM or another), opened unlocked. */
    static Laptop reopened(Path dir, Hq hq) throws Exception {
        Fixture fixture = new Fixture(dir);
        return new Laptop(fixture, hq, fixture.reopenUnlocked());
    }

    /** Locks and closes the vault, as at shut-down or a crash, and opens it again unlocked, with new services. */
    Laptop restart() throws Exception {
        vault.close();
        vault = fixture.reopenUnlocked();
        sealing = new CaseSealing(vault, spool, fixture.clock, random);
        return this;
    }

    SyncIdentity identity() {
        return SyncIdentity.of(vault).orElseThrow();
    }

    VaultPacketSpool packetSpool() {
        return new VaultPacketSpool(vault, sealing);
    }

    /** A typical home-visit case (form, photo, ten fingerprints), completed. */
    String completeCase(String marker, boolean urgent) {
        String id = vault.cases().create(marker + " · 护照", urgent, Fixture.typicalCase(marker)).id();
        vault.cases().moveTo(id, CaseState.COMPLETE, null);
        return id;
    }

    /** A one-item case, completed: for tests where the content does not matter. */
    String smallCase(String marker) {
        String id = vault.cases().create(marker, false, List.of(new NewItem(ItemKind.FORM, "form", "application/json",
                ("{\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8)))).id();
        vault.cases().moveTo(id, CaseState.COMPLETE, null);
        return id;
    }

    @Override
    public void close() {
        if (vault != null) {
            vault.close();
        }
    }
}
