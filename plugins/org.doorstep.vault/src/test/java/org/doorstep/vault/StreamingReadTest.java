package org.doorstep.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import org.doorstep.vault.crypto.Aead;
import org.doorstep.vault.crypto.CorruptDataException;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Items read as streams (BLOB → GCM decryption) give exactly what a whole read gives, and a damaged record fails at
 * the end of its stream: a flipped bit in the ciphertext or the tag, a truncated record, another record's context.
 */
class StreamingReadTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CONTEXT = "case/1/item/scan/SCAN/application/pdf".getBytes();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aStreamOpensToThePlaintextAndFailsAtTheEndOnAnyDamage(CryptoSuite suite) throws Exception {
        byte[] key = new byte[suite.dataKeyBytes()];
        RANDOM.nextBytes(key);
        for (int size : new int[] {0, 1, 15, 16, 17, 65_535, 65_536, 200_003}) {
            byte[] plain = new byte[size];
            RANDOM.nextBytes(plain);
            byte[] sealed = new Aead(suite, RANDOM).seal(key, plain, CONTEXT);
            assertArrayEquals(plain, readAll(Aead.openStream(key, new ByteArrayInputStream(sealed), CONTEXT)), "" + size);

            for (int at : new int[] {sealed.length - 1, sealed.length - 16, sealed.length - 17, 14}) {
                if (at < 14) {
                    continue;
                }
                byte[] damaged = sealed.clone();
                damaged[at] ^= 0x20;
                assertThrows(Aead.RecordDamagedException.class,
                        () -> readAll(Aead.openStream(key, new ByteArrayInputStream(damaged), CONTEXT)), size + "@" + at);
            }
            byte[] truncated = java.util.Arrays.copyOf(sealed, sealed.length - 1);
            assertThrows(Aead.RecordDamagedException.class,
                    () -> readAll(Aead.openStream(key, new ByteArrayInputStream(truncated), CONTEXT)));
            assertThrows(Aead.RecordDamagedException.class, () -> readAll(Aead.openStream(key,
                    new ByteArrayInputStream(sealed), "case/2/item/scan/SCAN/application/pdf".getBytes())));
        }
        assertThrows(CorruptDataException.class,
                () -> Aead.openStream(key, new ByteArrayInputStream(new byte[5]), CONTEXT));
    }

    @Test
    void aCasesItemsReadAsStreamsEqualWholeReadsAndADamagedOneFailsNamingIt() throws Exception {
        Fixture f = new Fixture(dir);
        String caseId;
        byte[] scan = new byte[300_000];
        RANDOM.nextBytes(scan);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            caseId = vault.cases().create("流", false, List.of(
                    new NewItem(ItemKind.SCAN, "scan.a", "application/pdf", scan),
                    new NewItem(ItemKind.FORM, "form", "application/json", "{}".getBytes()))).id();
            String id = caseId;
            byte[] streamed = vault.cases().readStreaming(id, items -> {
                try (InputStream in = items.open("scan.a")) {
                    return readAll(in);
                }
            });
            assertArrayEquals(scan, streamed);
            assertArrayEquals(vault.cases().read(id, "form"), vault.cases().readStreaming(id, items -> {
                try (InputStream in = items.open("form")) {
                    return readAll(in);
                }
            }));
            assertThrows(VaultException.class, () -> vault.cases().readStreaming(id, items -> items.open("nothing")));
        }
        ItemTampering.flipBit(dir, caseId, "scan.a", 100);
        try (Vault vault = f.reopenUnlocked()) {
            String id = caseId;
            Aead.RecordDamagedException e = assertThrows(Aead.RecordDamagedException.class,
                    () -> vault.cases().readStreaming(id, items -> {
                        try (InputStream in = items.open("scan.a")) {
                            return readAll(in);
                        }
                    }));
            assertTrue(e.getMessage().startsWith("item 'scan.a' of case " + id.substring(0, 8) + " is damaged"),
                    e.getMessage());
            assertEquals(CaseState.DRAFT, vault.cases().get(id).state(), "the vault carries on");
            assertArrayEquals("{}".getBytes(), vault.cases().read(id, "form"));
        }
    }

    private static byte[] readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[7_001]; // not a multiple of anything
        for (int n; (n = in.read(buffer)) != -1;) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
