package org.doorstep.photo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.doorstep.photo.internal.SafeImageReader;

/**
 * A JPEG or PNG file chosen by the officer (a photo from a studio, a memory card, a phone). The content decides the
 * format, never the name; the size is checked before the file is read and the dimensions before it is decoded.
 */
public final class FileImportSource implements PhotoSource {

    private final Path file;
    private final ImageLimits limits;

    public FileImportSource(Path file, ImageLimits limits) {
        this.file = Objects.requireNonNull(file, "file");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public BufferedImage acquire() throws PhotoInputException {
        String name = String.valueOf(file.getFileName());
        byte[] content;
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw new PhotoInputException(Reason.of("input.tooManyBytes", size / (1024.0 * 1024.0),
                        limits.maxBytes() / (1024.0 * 1024.0)));
            }
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PhotoInputException(Reason.of("input.unreadable", name), e);
        }
        return SafeImageReader.read(content, limits);
    }

    @Override
    public String toString() {
        return "file " + file;
    }
}
