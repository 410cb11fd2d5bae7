package org.doorstep.fingerprint.iso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintImageException;
import org.doorstep.fingerprint.TestImages;
import org.doorstep.fingerprint.drivers.SimulatorDriver;
import org.junit.jupiter.api.Test;

class FingerImageRecordTest {

    private final FingerCapture probe = TestImages.capture("probe.png", FingerPosition.RIGHT_INDEX);
    private final FingerCapture other = TestImages.capture("nonmatching.png", FingerPosition.LEFT_INDEX);

    private static FingerImageRecord.Entry entry(FingerCapture c, int quality) {
        return new FingerImageRecord.Entry(c, quality);
    }

    @Test
    void writesTheHeadersOfThe2005Edition() throws Exception {
        byte[] bytes = FingerImageRecord.of(Compression.UNCOMPRESSED, List.of(entry(probe, 87))).toBytes();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals("FIR\u0000" + "010\u0000", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(32 + 14 + 388 * 374, bytes.length);
        assertEquals(0, b.getShort(8));
        assertEquals(bytes.length, b.getInt(10), "record length, six bytes");
        assertEquals(FingerImageRecord.UNREPORTED_DEVICE_ID, b.getShort(14));
        assertEquals(31, b.getShort(16), "image acquisition level: 500 ppi, 8 bits");
        assertEquals(1, bytes[18], "one finger");
        assertEquals(1, bytes[19], "pixels per inch");
        for (int at = 20; at < 28; at += 2) {
            assertEquals(500, b.getShort(at), "scan and image resolutions");
        }
        assertEquals(8, bytes[28], "pixel depth");
        assertEquals(0, bytes[29], "uncompressed");
        assertEquals(0, b.getShort(30));
        assertEquals(14 + 388 * 374, b.getInt(32), "finger data block length");
        assertEquals(2, bytes[36], "finger position: right index");
        assertEquals(1, bytes[37]);
        assertEquals(1, bytes[38]);
        assertEquals(87, bytes[39], "quality");
        assertEquals(ImpressionType.NONLIVE_SCAN_PLAIN.code(), bytes[40], "imported: nobody saw it scanned");
        assertEquals(388, b.getShort(41));
        assertEquals(374, b.getShort(43));
        assertEquals(0, bytes[45]);
        assertArrayEquals(probe.image().pixels(), Arrays.copyOfRange(bytes, 46, bytes.length));
    }

    @Test
    void readsBackWhatItWroteByteForByte() throws Exception {
        for (Compression compression : List.of(Compression.UNCOMPRESSED, Compression.PNG)) {
            FingerImageRecord written = FingerImageRecord.of(compression, List.of(entry(probe, 90), entry(other, 77)));
            byte[] bytes = written.toBytes();
            FingerImageRecord read = FingerImageRecord.read(bytes);
            assertEquals(written, read);
            assertArrayEquals(bytes, read.toBytes());
            assertEquals(compression, read.compression());
            assertEquals(2, read.views().size());
            FingerView second = read.views().get(1);
            assertEquals(FingerPosition.LEFT_INDEX, second.position());
            assertEquals(77, second.quality());
            assertEquals(other.image(), second.image(), "lossless: the same pixels come back");
            assertFalse(read.simulated());
        }
    }

    @Test
    void pngRecordsAreSmallerThanRawOnes() throws Exception {
        int raw = FingerImageRecord.of(Compression.UNCOMPRESSED, List.of(entry(probe, 90))).toBytes().length;
        int png = FingerImageRecord.of(Compression.PNG, List.of(entry(probe, 90))).toBytes().length;
        assertTrue(png < raw * 0.8, png + " vs " + raw);
    }

    @Test
    void recordsOfSimulatedCapturesSaySoAndCannotMixWithRealOnes() throws Exception {
        try (SimulatorDriver simulator = new SimulatorDriver(3, 0)) {
            FingerCapture simulated = simulator.capture(FingerPosition.RIGHT_INDEX, null);
            byte[] bytes = FingerImageRecord.of(Compression.PNG, List.of(entry(simulated, 90))).toBytes();
            assertEquals(FingerImageRecord.SIMULATOR_DEVICE_ID, ByteBuffer.wrap(bytes).getShort(14) & 0xffff);
            assertTrue(FingerImageRecord.read(bytes).simulated());
            FingerprintImageException mixed = assertThrows(FingerprintImageException.class,
                    () -> FingerImageRecord.of(Compression.PNG, List.of(entry(simulated, 90), entry(other, 90))));
            assertEquals("record.mixedSources", mixed.key());
        }
    }

    @Test
    void readsAWsqCompressedRecord() throws Exception {
        byte[] wsq = TestImages.bytes("wsq-original.wsq");
        ByteBuffer b = ByteBuffer.allocate(32 + 14 + wsq.length);
        b.put(("FIR\u0000" + "010\u0000").getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(b.capacity()).putShort((short) 0)
                .putShort((short) 31).put((byte) 1).put((byte) 2) // pixels per centimetre
                .putShort((short) 197).putShort((short) 197).putShort((short) 197).putShort((short) 197).put((byte) 8)
                .put((byte) Compression.WSQ.code()).putShort((short) 0);
        b.putInt(14 + wsq.length).put((byte) 7).put((byte) 1).put((byte) 1).put((byte) 60).put((byte) 3)
                .putShort((short) 832).putShort((short) 768).put((byte) 0).put(wsq);
        FingerImageRecord read = FingerImageRecord.read(b.array());
        FingerView view = read.views().get(0);
        assertEquals(FingerPosition.LEFT_INDEX, view.position());
        assertEquals(ImpressionType.NONLIVE_SCAN_ROLLED, view.impression());
        assertEquals(500, read.ppi(), "197 ppcm");
        assertEquals(TestImages.image("wsq-original.wsq").pixels().length, view.image().pixels().length);
    }

    @Test
    void refusesRecordsCutShortOrTooLong() throws Exception {
        byte[] bytes = FingerImageRecord.of(Compression.PNG, List.of(entry(probe, 90))).toBytes();
        assertRefused(Arrays.copyOf(bytes, bytes.length - 1), "record.length");
        assertRefused(Arrays.copyOf(bytes, bytes.length + 3), "record.length");
        assertRefused(Arrays.copyOf(bytes, 20), "record.length");
        assertRefused(new byte[0], "image.empty");
    }

    @Test
    void refusesOtherFormatsVersionsAndCompressions() throws Exception {
        byte[] bytes = FingerImageRecord.of(Compression.UNCOMPRESSED, List.of(entry(probe, 90))).toBytes();
        assertRefused("FMR\0 20\0".getBytes(StandardCharsets.US_ASCII), "record.notIso");
        byte[] v2011 = bytes.clone();
        v2011[5] = '2';
        assertEquals("Finger image records of version 020 cannot be read; only the 2005 edition (version 010) can.",
                assertRefused(v2011, "record.version").getMessage());
        byte[] jp2 = bytes.clone();
        jp2[29] = (byte) Compression.JPEG2000.code();
        assertRefused(jp2, "record.compression");
        byte[] position = bytes.clone();
        position[36] = 13; // plain right four fingers
        assertRefused(position, "record.field");
        byte[] depth = bytes.clone();
        depth[28] = 16;
        assertRefused(depth, "record.field");
        byte[] huge = bytes.clone();
        huge[41] = (byte) 0xff; // width 65 280+
        assertRefused(huge, "record.field");
        FingerprintImageException lossy = assertThrows(FingerprintImageException.class,
                () -> FingerImageRecord.of(Compression.WSQ, List.of(entry(probe, 90))));
        assertEquals("record.compression", lossy.key());
    }

    @Test
    void refusesARecordWhoseImageIsDamaged() throws Exception {
        byte[] bytes = FingerImageRecord.of(Compression.PNG, List.of(entry(probe, 90))).toBytes();
        Arrays.fill(bytes, 46 + 200, 46 + 2000, (byte) 0x33);
        assertRefused(bytes, "image.damaged");
    }

    private static FingerprintImageException assertRefused(byte[] bytes, String key) {
        FingerprintImageException e = assertThrows(FingerprintImageException.class, () -> FingerImageRecord.read(bytes));
        assertEquals(key, e.key(), e.getMessage());
        return e;
    }
}
