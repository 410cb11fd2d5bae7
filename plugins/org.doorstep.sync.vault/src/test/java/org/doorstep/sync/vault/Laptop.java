package org.doorstep.sync.vault;

import java.nio.file.Path;
import java.security.SecureRandom;

import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.vault.Fixture;
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
    final SecureRandom random = new SecureRandom();
    Vault vault;

    private Laptop(Fixture fixture, Hq hq, Vault vault) {
        this.fixture = fixture;
        this.hq = hq;
        this.vault = vault;
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

    /** Locks and closes the vault, as at shut-down or a crash, and opens it again unlocked, with new services. */
    Laptop restart() throws Exception {
        vault.close();
        vault = fixture.reopenUnlocked();
        return this;
    }

    SyncIdentity identity() {
        return SyncIdentity.of(vault).orElseThrow();
    }

    @Override
    public void close() {
        if (vault != null) {
            vault.close();
        }
    }
}
