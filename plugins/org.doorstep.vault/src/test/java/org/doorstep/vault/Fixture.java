package org.doorstep.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.TestClock;
import org.doorstep.vault.keys.VaultPolicy;

/** Shared set-up for the vault tests: cheap Argon2, a hand-moved clock, real images from the test resources. */
public final class Fixture {

    /** Cheap Argon2 so tests are about behaviour; the default cost is measured by the benchmark. */
    public static final VaultPolicy POLICY = VaultPolicy.DEFAULT.withArgon2(new Argon2Settings(256, 1, 1));
    public static final Officer WANG = new Officer("J10023", "王警官");
    public static final String PASSPHRASE = "上门办证 只跑一次 2026";

    public final TestClock clock = new TestClock();
    public final SecureRandom random = new SecureRandom();
    public final Path dataDir;

    public Fixture(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Vault setUp(CryptoSuite suite) throws Exception {
        return Vault.setUp(dataDir, "FIELD-07", suite, WANG, PASSPHRASE.toCharArray(), PASSPHRASE.toCharArray(), POLICY,
                clock, random);
    }

    public Vault reopen() throws Exception {
        return Vault.open(dataDir, POLICY, clock, random);
    }

    public Vault reopenUnlocked() throws Exception {
        Vault vault = reopen();
        vault.unlock(WANG.id(), PASSPHRASE.toCharArray());
        return vault;
    }

    public static byte[] resource(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream("/testdata/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /testdata/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A typical home-visit case: the form, one photo, ten fingerprints. */
    public static List<NewItem> typicalCase(String marker) {
        List<NewItem> items = new ArrayList<>();
        String form = "{\"applicant\":{\"name\":\"" + marker + "\",\"idNumber\":\"11010519491231002X\"},"
                + "\"applications\":[\"passport\",\"hk-macau-permit\"],\"visitReason\":\"aged-60-plus\"}";
        items.add(new NewItem(ItemKind.FORM, "form", "application/json", form.getBytes(StandardCharsets.UTF_8)));
        items.add(new NewItem(ItemKind.PHOTO, "photo", "image/jpeg", resource("obama.jpg")));
        String[] fingers = { "r1", "r2", "r3", "r4", "r5", "l1", "l2", "l3", "l4", "l5" };
        for (int i = 0; i < fingers.length; i++) {
            items.add(new NewItem(ItemKind.FINGERPRINT, "finger." + fingers[i], "image/png",
                    resource(i % 2 == 0 ? "probe.png" : "matching.png")));
        }
        return items;
    }
}
