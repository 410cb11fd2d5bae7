package org.doorstep.fingerprint.iso;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerImage;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintImageException;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.fingerprint.internal.ImageDecoder;

/**
 * A finger image record of ISO/IEC 19794-4:2005 ("Biometric data interchange formats — Part 4: Finger image
 * data"), the form finger images travel in inside a packet and the form SBI devices deliver them in. Chosen over
 * an ANSI/NIST-ITL type-14 record because it is self-contained (type-14 only exists inside a transaction with a
 * type-1 record), binary with fixed fields, and what MOSIP's SBI uses for finger images.
 *
 * <pre>
 * General record header, 32 bytes, big-endian:
 *   format identifier "FIR\0" (4) · version "010\0" (4) · record length (6) · capture device ID (2)
 *   image acquisition level (2) · number of fingers (1) · scale units 1 = ppi, 2 = ppcm (1)
 *   horizontal and vertical scan resolution (2 + 2) · horizontal and vertical image resolution (2 + 2)
 *   pixel depth in bits (1) · image compression algorithm (1) · reserved (2)
 * Then per finger: finger image header, 14 bytes:
 *   length of finger data block, header included (4) · finger position (1) · count of views (1)
 *   view number (1) · finger image quality (1) · impression type (1) · horizontal line length (2)
 *   vertical line length (2) · reserved (1)
 * followed by the image data.
 * </pre>
 *
 * <b>How Doorstep fills the fields.</b> One view per finger. Scan and image resolution are the image's ppi.
 * Image acquisition level 31 at 500 ppi, 41 at 1000 ppi, otherwise 0 (the 2005 edition defines levels only for
 * those resolutions). Impression type live-scan plain for scanner captures, non-live-scan plain for imported
 * and simulated images, which nobody saw being scanned. Quality: Doorstep's own 0–100 score.
 * <p>
 * <b>Simulated images.</b> This edition has no field for comments or provenance, so a record of simulated
 * captures carries the capture device ID {@value #SIMULATOR_DEVICE_ID} (0x5349, "SI"; device IDs are
 * vendor-specified, and this one is Doorstep's), which {@link #simulated()} reports; the images themselves have
 * SIMULATED written into their pixels, and the packet's own metadata says so too. A record never mixes
 * simulated and other captures.
 * <p>
 * Reading accepts 8-bit images uncompressed, PNG, JPEG or WSQ; JPEG 2000, bit-packed and the 2011 edition
 * (version "020") are refused with a clear message. Every image is decoded while reading, so a record that
 * reads is whole.
 */
public final class FingerImageRecord {

    /** The capture device ID Doorstep writes into records of simulated captures: "SI". */
    public static final int SIMULATOR_DEVICE_ID = 0x5349;
    public static final int UNREPORTED_DEVICE_ID = 0;
    private static final byte[] FORMAT = { 'F', 'I', 'R', 0 };
    private static final byte[] VERSION_2005 = { '0', '1', '0', 0 };
    private static final int HEADER = 32;
    private static final int FINGER_HEADER = 14;

    private final int captureDeviceId;
    private final int acquisitionLevel;
    private final int ppi;
    private final Compression compression;
    private final List<FingerView> views;

    private FingerImageRecord(int captureDeviceId, int acquisitionLevel, int ppi, Compression compression,
            List<FingerView> views) {
        this.captureDeviceId = captureDeviceId;
        this.acquisitionLevel = acquisitionLevel;
        this.ppi = ppi;
        this.compression = compression;
        this.views = List.copyOf(views);
    }

    /** A capture and the quality score to write with it. */
    public record Entry(FingerCapture capture, int quality) {
        public Entry {
            Objects.requireNonNull(capture, "capture");
            if (quality < 0 || quality > 100) {
                throw new IllegalArgumentException("quality " + quality);
            }
        }
    }

    /**
     * A record of {@code entries}, one view each, images stored {@link Compression#UNCOMPRESSED} or
     * {@link Compression#PNG}. All must have the same resolution and be all simulated or all not.
     */
    public static FingerImageRecord of(Compression compression, List<Entry> entries) throws FingerprintImageException {
        if (compression != Compression.UNCOMPRESSED && compression != Compression.PNG) {
            throw new FingerprintImageException("record.compression", compression.label());
        }
        if (entries.isEmpty() || entries.size() > 255) {
            throw new IllegalArgumentException("a record holds 1–255 finger images, not " + entries.size());
        }
        int ppi = entries.get(0).capture().image().ppi();
        boolean simulated = entries.get(0).capture().simulated();
        List<FingerView> views = new ArrayList<>();
        for (Entry e : entries) {
            FingerCapture c = e.capture();
            if (c.image().ppi() != ppi) {
                throw new FingerprintImageException("record.mixedImages");
            }
            if (c.simulated() != simulated) {
                throw new FingerprintImageException("record.mixedSources");
            }
            ImpressionType impression = c.source() == SourceKind.REAL ? ImpressionType.LIVE_SCAN_PLAIN
                    : ImpressionType.NONLIVE_SCAN_PLAIN;
            views.add(new FingerView(c.position(), 1, 1, e.quality(), impression, c.image(), encode(compression, c.image())));
        }
        return new FingerImageRecord(simulated ? SIMULATOR_DEVICE_ID : UNREPORTED_DEVICE_ID, acquisitionLevel(ppi), ppi,
                compression, views);
    }

    public int captureDeviceId() {
        return captureDeviceId;
    }

    public int acquisitionLevel() {
        return acquisitionLevel;
    }

    /** Image resolution in pixels per inch (scan and image resolution are equal in the records we write). */
    public int ppi() {
        return ppi;
    }

    public Compression compression() {
        return compression;
    }

    public List<FingerView> views() {
        return views;
    }

    /** Whether the record holds simulated images (see the class comment). */
    public boolean simulated() {
        return captureDeviceId == SIMULATOR_DEVICE_ID;
    }

    /**
     * The record's bytes. A record made here, or read from bytes made here, comes out byte for byte the same; one
     * read from elsewhere is written back normalised (resolution in ppi, scan resolution = image resolution).
     */
    public byte[] toBytes() {
        long length = HEADER + views.stream().mapToLong(v -> FINGER_HEADER + v.data().length).sum();
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(length));
        b.put(FORMAT).put(VERSION_2005);
        b.putShort((short) (length >>> 32)).putInt((int) length);
        b.putShort((short) captureDeviceId);
        b.putShort((short) acquisitionLevel);
        b.put((byte) views.size());
        b.put((byte) 1); // pixels per inch
        b.putShort((short) ppi).putShort((short) ppi).putShort((short) ppi).putShort((short) ppi);
        b.put((byte) 8);
        b.put((byte) compression.code());
        b.putShort((short) 0);
        for (FingerView v : views) {
            b.putInt(FINGER_HEADER + v.data().length);
            b.put((byte) v.position().isoCode());
            b.put((byte) v.viewCount());
            b.put((byte) v.viewNumber());
            b.put((byte) v.quality());
            b.put((byte) v.impression().code());
            b.putShort((short) v.image().width());
            b.putShort((short) v.image().height());
            b.put((byte) 0);
            b.put(v.data());
        }
        return b.array();
    }

    /** Reads and checks a whole record, decoding every image; refuses anything short, long or malformed. */
    public static FingerImageRecord read(byte[] record) throws FingerprintImageException {
        if (record == null || record.length == 0) {
            throw new FingerprintImageException("image.empty");
        }
        if (record.length < 8 || !Arrays.equals(record, 0, 4, FORMAT, 0, 4)) {
            throw new FingerprintImageException("record.notIso");
        }
        if (!Arrays.equals(record, 4, 8, VERSION_2005, 0, 4)) {
            throw new FingerprintImageException("record.version", new String(record, 4, 3, StandardCharsets.US_ASCII).strip());
        }
        if (record.length < HEADER) {
            throw new FingerprintImageException("record.length", "?", record.length);
        }
        ByteBuffer b = ByteBuffer.wrap(record);
        b.position(8);
        long length = (long) (b.getShort() & 0xffff) << 32 | b.getInt() & 0xffffffffL;
        if (length != record.length) {
            throw new FingerprintImageException("record.length", length, record.length);
        }
        int deviceId = b.getShort() & 0xffff;
        int level = b.getShort() & 0xffff;
        int fingers = b.get() & 0xff;
        int units = b.get() & 0xff;
        b.getShort(); // horizontal scan resolution
        b.getShort(); // vertical scan resolution
        int hRes = b.getShort() & 0xffff;
        int vRes = b.getShort() & 0xffff;
        int depth = b.get() & 0xff;
        int compressionCode = b.get() & 0xff;
        b.getShort(); // reserved
        if (fingers == 0) {
            throw new FingerprintImageException("record.field", "number of fingers", 0);
        }
        if (units != 1 && units != 2) {
            throw new FingerprintImageException("record.field", "scale units", units);
        }
        int ppi = units == 2 ? (int) Math.round(hRes * 2.54) : hRes;
        if (hRes != vRes || ppi < FingerImage.MIN_PPI || ppi > FingerImage.MAX_PPI) {
            throw new FingerprintImageException("record.field", "image resolution", hRes + " × " + vRes + (units == 2 ? " ppcm" : " ppi"));
        }
        if (depth != 8) {
            throw new FingerprintImageException("record.field", "pixel depth", depth);
        }
        Compression compression = Compression.ofCode(compressionCode)
                .orElseThrow(() -> new FingerprintImageException("record.field", "compression algorithm", compressionCode));
        if (compression == Compression.BIT_PACKED || compression == Compression.JPEG2000) {
            throw new FingerprintImageException("record.compression", compression.label());
        }
        List<FingerView> views = new ArrayList<>(fingers);
        for (int i = 0; i < fingers; i++) {
            views.add(readView(b, compression, ppi));
        }
        if (b.hasRemaining()) {
            throw new FingerprintImageException("record.length", length, b.position());
        }
        return new FingerImageRecord(deviceId, level, ppi, compression, views);
    }

    private static FingerView readView(ByteBuffer b, Compression compression, int ppi) throws FingerprintImageException {
        if (b.remaining() < FINGER_HEADER) {
            throw new FingerprintImageException("record.field", "finger data block length", "cut short");
        }
        long blockLength = b.getInt() & 0xffffffffL;
        if (blockLength < FINGER_HEADER || blockLength - 4 > b.remaining()) {
            throw new FingerprintImageException("record.field", "finger data block length", blockLength);
        }
        int positionCode = b.get() & 0xff;
        int viewCount = b.get() & 0xff;
        int viewNumber = b.get() & 0xff;
        int quality = b.get() & 0xff;
        int impressionCode = b.get() & 0xff;
        int width = b.getShort() & 0xffff;
        int height = b.getShort() & 0xffff;
        b.get(); // reserved
        FingerPosition position = FingerPosition.ofIsoCode(positionCode)
                .orElseThrow(() -> new FingerprintImageException("record.field", "finger position", positionCode));
        ImpressionType impression = ImpressionType.ofCode(impressionCode)
                .orElseThrow(() -> new FingerprintImageException("record.field", "impression type", impressionCode));
        if (viewCount < 1 || viewNumber < 1 || viewNumber > viewCount) {
            throw new FingerprintImageException("record.field", "view number", viewNumber + " of " + viewCount);
        }
        if (width < FingerImage.MIN_SIDE || height < FingerImage.MIN_SIDE || width > FingerImage.MAX_SIDE
                || height > FingerImage.MAX_SIDE) {
            throw new FingerprintImageException("record.field", "image size", width + " × " + height);
        }
        byte[] data = new byte[(int) (blockLength - FINGER_HEADER)];
        b.get(data);
        FingerImage image = decode(compression, data, width, height, ppi);
        return new FingerView(position, viewCount, viewNumber, quality, impression, image, data);
    }

    private static FingerImage decode(Compression compression, byte[] data, int width, int height, int ppi)
            throws FingerprintImageException {
        FingerImage image;
        if (compression == Compression.UNCOMPRESSED) {
            if (data.length != width * height) {
                throw new FingerprintImageException("record.field", "image data length", data.length + " for " + width + " × " + height);
            }
            return new FingerImage(width, height, ppi, data.clone());
        }
        image = ImageDecoder.decodeFinger(data, ppi);
        if (image.width() != width || image.height() != height) {
            throw new FingerprintImageException("record.field", "image size",
                    width + " × " + height + " in the header, " + image.width() + " × " + image.height() + " in the image");
        }
        // the record's resolution is authoritative, whatever the embedded file says
        return image.ppi() == ppi ? image : new FingerImage(width, height, ppi, image.pixels());
    }

    private static byte[] encode(Compression compression, FingerImage image) {
        if (compression == Compression.UNCOMPRESSED) {
            return image.pixels().clone();
        }
        BufferedImage grey = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setDataElements(0, 0, image.width(), image.height(), image.pixels());
        ByteArrayOutputStream png = new ByteArrayOutputStream(image.pixels().length / 2);
        try {
            if (!ImageIO.write(grey, "png", png)) {
                throw new IllegalStateException("this Java runtime has no PNG encoder");
            }
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding into memory failed", e);
        }
        return png.toByteArray();
    }

    private static int acquisitionLevel(int ppi) {
        return ppi == 500 ? 31 : ppi == 1000 ? 41 : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FingerImageRecord r && r.captureDeviceId == captureDeviceId && r.acquisitionLevel == acquisitionLevel
                && r.ppi == ppi && r.compression == compression && r.views.equals(views);
    }

    @Override
    public int hashCode() {
        return Objects.hash(captureDeviceId, acquisitionLevel, ppi, compression, views);
    }

    @Override
    public String toString() {
        return "FingerImageRecord[device " + captureDeviceId + (simulated() ? " (simulated)" : "") + ", " + ppi + " ppi, "
                + compression.label() + ", " + views + "]";
    }
}
