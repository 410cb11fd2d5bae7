package org.doorstep.sync.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.crypto.Digest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 50 MB entry goes through sealing and opening as a stream, in each suite. Memory is not measured (the test JVM has -Xmx1g,
 * which would hold it anyway); instead the test proves the design: the packet is written while the entry is still
 * being read, and HQ hands the entry on while the packet is still being read.
 */
class PacketStreamingTest {

    private static final long SIZE = 50L * 1024 * 1024;
    private static final long MARK = 40L * 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void sealsAndOpensA50MegabyteEntryAsAStream(PacketSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        TestPki.Party device = pki.device;
        TestPki.Party hq = pki.hq;
        byte[] expectedDigest = digestOf(suite, new GeneratedStream(SIZE));
        PacketManifest manifest = new PacketManifest(UUID.randomUUID(), "laptop-0042", "case-big", Instant.now(),
                suite, List.of(new PacketEntry("scan/passport.tiff", "image/tiff", SIZE, expectedDigest)));
        Path file = dir.resolve("packet.der");

        GeneratedStream source = new GeneratedStream(SIZE);
        long[] writtenWhenSourceAtMark = {-1};
        try (OutputStream out = new BufferedOutputStream(new FilterOutputStream(Files.newOutputStream(file)) {
            long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written += len;
                if (writtenWhenSourceAtMark[0] < 0 && source.position >= MARK) {
                    writtenWhenSourceAtMark[0] = written;
                }
            }
        })) {
            new PacketSealer(device.keys().getPrivate(), device.certificate(), hq.certificate(), TestPki.RANDOM)
                    .seal(manifest, entry -> source, out);
        }
        long packetSize = Files.size(file);
        assertTrue(packetSize > SIZE, "packet of " + packetSize + " bytes");
        assertTrue(writtenWhenSourceAtMark[0] > MARK - 10L * 1024 * 1024,
                "only " + writtenWhenSourceAtMark[0] + " bytes were written when 40 MB had been read: not streamed");

        long[] packetReadWhenEntryAtMark = {-1};
        Digest digest = suite.newDigest();
        try (CountingInput packet = new CountingInput(Files.newInputStream(file))) {
            PacketManifest opened = new PacketOpener(hq.keys().getPrivate(), hq.certificate(), PacketLimits.DEFAULT)
                    .open(packet, device.certificate(), (entry, content) -> {
                        byte[] buffer = new byte[32 * 1024];
                        long received = 0;
                        for (int n; (n = content.read(buffer)) != -1;) {
                            digest.update(buffer, 0, n);
                            received += n;
                            if (packetReadWhenEntryAtMark[0] < 0 && received >= MARK) {
                                packetReadWhenEntryAtMark[0] = packet.count;
                            }
                        }
                    });
            assertEquals(manifest, opened);
        }
        byte[] openedDigest = new byte[32];
        digest.doFinal(openedDigest, 0);
        assertArrayEquals(expectedDigest, openedDigest);
        assertTrue(packetReadWhenEntryAtMark[0] > 0 && packetReadWhenEntryAtMark[0] < packetSize - 5L * 1024 * 1024,
                packetReadWhenEntryAtMark[0] + " of " + packetSize + " packet bytes read when 40 MB had been handed on:"
                        + " not streamed");
    }

    private static byte[] digestOf(PacketSuite suite, InputStream in) throws IOException {
        Digest digest = suite.newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1;) {
            digest.update(buffer, 0, n);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** Deterministic, incompressible-looking bytes, made as they are read (xorshift). */
    static final class GeneratedStream extends InputStream {
        private final long size;
        long position;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            position += n;
            return n;
        }
    }

    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b != -1) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
