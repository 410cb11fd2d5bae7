package org.doorstep.fingerprint.drivers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.doorstep.fingerprint.DriverInfo;
import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerImage;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintDriver;
import org.doorstep.fingerprint.FingerprintException;
import org.doorstep.fingerprint.FingerprintImageException;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.fingerprint.internal.ImageDecoder;

/**
 * Finger images from files: PNG, JPEG and BMP through the Java runtime's decoders, WSQ through jnbis. The format
 * is recognised from the content, never the file name. Each file is checked before it is used: an empty,
 * truncated or damaged file, or one whose header claims a huge size, is refused with a clear message before any
 * pixel is decoded where the header allows. A resolution is taken from the file only when it is a plausible
 * scanner resolution (300–1100 ppi); otherwise {@code defaultPpi} (500 unless told: WSQ files often carry none,
 * and PNG/JPEG files often say 72 or 96 dpi, a screen's).
 */
public final class ImageImportDriver implements FingerprintDriver {

    /** Asks the officer for the file of a finger, e.g. with a file dialog; empty when they cancel. */
    @FunctionalInterface
    public interface FileChooser {
        Optional<Path> choose(FingerPosition position);
    }

    public static final int DEFAULT_PPI = 500;
    /** Larger files are refused unread; a 1000 ppi uncompressed ten-print card is about 20 MB. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private final FileChooser chooser;
    private final int defaultPpi;

    public ImageImportDriver(FileChooser chooser) {
        this(chooser, DEFAULT_PPI);
    }

    public ImageImportDriver(FileChooser chooser, int defaultPpi) {
        if (defaultPpi < FingerImage.MIN_PPI || defaultPpi > FingerImage.MAX_PPI) {
            throw new IllegalArgumentException("default resolution " + defaultPpi + " ppi is not a scanner's");
        }
        this.chooser = chooser;
        this.defaultPpi = defaultPpi;
    }

    @Override
    public DriverInfo describe() {
        return new DriverInfo("Image import (PNG, JPEG, BMP, WSQ)", SourceKind.IMPORT, defaultPpi);
    }

    @Override
    public FingerCapture capture(FingerPosition position, Duration timeout) throws FingerprintException {
        Path file = chooser.choose(position).orElseThrow(() -> new FingerprintException("import.none"));
        return importFile(position, file);
    }

    /** The finger image in {@code file}, as a capture of {@code position}. */
    public FingerCapture importFile(FingerPosition position, Path file) throws FingerprintException {
        byte[] content;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new FingerprintImageException("import.tooLarge", file.getFileName(), size / (1024 * 1024),
                        MAX_FILE_BYTES / (1024 * 1024));
            }
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FingerprintException(e, "import.read", file.getFileName(), e.getMessage());
        }
        return importBytes(position, content, file.getFileName().toString());
    }

    /** The finger image in {@code content}; {@code name} says where it came from, for the record. */
    public FingerCapture importBytes(FingerPosition position, byte[] content, String name) throws FingerprintImageException {
        FingerImage image = ImageDecoder.decodeFinger(content, defaultPpi);
        return FingerCapture.of(position, image, SourceKind.IMPORT, "file " + name);
    }
}
