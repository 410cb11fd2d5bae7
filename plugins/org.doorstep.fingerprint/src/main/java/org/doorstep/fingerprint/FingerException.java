package org.doorstep.fingerprint;

import java.util.Objects;
import java.util.Optional;

import org.doorstep.fingerprint.internal.ImageDecoder;
import org.doorstep.fingerprint.internal.ImageFormat;

/**
 * A finger recorded as not captured: which, why, the officer's note and a photo of the hand (JPEG or PNG,
 * checked to be a whole image). Made only through {@link #of}, so an instance is always valid.
 */
public final class FingerException {

    public static final int MAX_NOTE = 500;

    private final FingerPosition position;
    private final ExceptionReason reason;
    private final String note;
    private final byte[] photo;
    private final String photoMediaType;

    private FingerException(FingerPosition position, ExceptionReason reason, String note, byte[] photo,
            String photoMediaType) {
        this.position = position;
        this.reason = reason;
        this.note = note;
        this.photo = photo;
        this.photoMediaType = photoMediaType;
    }

    /**
     * @param photo JPEG or PNG bytes; required unless {@code reason} is {@link ExceptionReason#UNUSABLE_AFTER_RETRIES}
     * @param note  free text, required for {@link ExceptionReason#OTHER}; may be null otherwise
     */
    public static FingerException of(FingerPosition position, ExceptionReason reason, String note, byte[] photo)
            throws FingerprintException {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(reason, "reason");
        String text = note == null ? "" : note.strip();
        if (reason == ExceptionReason.OTHER && text.isEmpty()) {
            throw new FingerprintException("exception.noteRequired");
        }
        if (text.length() > MAX_NOTE) {
            throw new FingerprintException("exception.noteTooLong", MAX_NOTE);
        }
        if (photo == null || photo.length == 0) {
            if (reason.needsPhoto()) {
                throw new FingerprintException("photo.missing");
            }
            return new FingerException(position, reason, text, null, null);
        }
        ImageFormat format = ImageDecoder.checkPhoto(photo);
        return new FingerException(position, reason, text, photo.clone(), format.mediaType());
    }

    public FingerPosition position() {
        return position;
    }

    public ExceptionReason reason() {
        return reason;
    }

    /** The note, stripped; empty when none was given. */
    public String note() {
        return note;
    }

    public Optional<byte[]> photo() {
        return Optional.ofNullable(photo).map(byte[]::clone);
    }

    /** "image/jpeg" or "image/png" when there is a photo. */
    public Optional<String> photoMediaType() {
        return Optional.ofNullable(photoMediaType);
    }

    @Override
    public String toString() {
        return "FingerException[" + position + ", " + reason + (note.isEmpty() ? "" : ", " + note) + "]";
    }
}
