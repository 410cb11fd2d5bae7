package org.doorstep.sync.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.bouncycastle.crypto.Digest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The laptop refuses a case its outbox has no room for before sealing it, from {@link PacketSealer#sizeBound}: the
 * bound must never be below the real size, and not so far above it that a case that fits is refused.
 */
class PacketSizeBoundTest {

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void theBoundIsNeverBelowTheSealedSizeAndAtMostSixteenKilobytesAbove(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        Random random = new Random(5);
        int[][] shapes = { {1}, {0, 1}, {100}, {65_535}, {65_536}, {65_537}, {3_000_000}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                {200_000, 150_000, 70_000, 9_000, 40, 1_300_000}, {0} };
        for (int[] sizes : shapes) {
            List<PacketEntry> entries = new ArrayList<>();
            java.util.Map<String, byte[]> contents = new java.util.HashMap<>();
            for (int i = 0; i < sizes.length; i++) {
                byte[] b = new byte[sizes[i]];
                random.nextBytes(b);
                Digest d = suite.newDigest();
                d.update(b, 0, b.length);
                byte[] digest = new byte[d.getDigestSize()];
                d.doFinal(digest, 0);
                entries.add(new PacketEntry("items/scan/slot-" + i, "application/octet-stream", b.length, digest));
                contents.put("items/scan/slot-" + i, b);
            }
            PacketManifest manifest = new PacketManifest(UUID.randomUUID(), "laptop-0042", "case-1", Instant.now(), suite,
                    entries);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new PacketSealer(pki.device.keys().getPrivate(), pki.device.certificate(), pki.hq.certificate(), TestPki.RANDOM)
                    .seal(manifest, entry -> new ByteArrayInputStream(contents.get(entry.name())), out);
            long bound = PacketSealer.sizeBound(manifest, pki.device.certificate());
            String what = suite + " " + java.util.Arrays.toString(sizes) + ": sealed " + out.size() + ", bound " + bound;
            assertTrue(bound >= out.size(), what);
            assertTrue(bound - out.size() <= 16 * 1024, what);
        }
    }
}
