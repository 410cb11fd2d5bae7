package org.doorstep.fingerprint;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.machinezoo.sourceafis.FingerprintImage;
import com.machinezoo.sourceafis.FingerprintImageOptions;
import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;

/**
 * SourceAFIS templates of captures, each extracted once (45–250 ms) and reused by the quality score and by
 * every same-finger comparison (0.15 ms each). One instance per case: templates of captures that were not
 * kept are {@link #forget forgotten}. SourceAFIS's own types stay inside this package.
 */
public final class FingerTemplates {

    private final Map<UUID, FingerprintTemplate> templates = new ConcurrentHashMap<>();

    FingerprintTemplate of(FingerCapture capture) throws FingerprintImageException {
        FingerprintTemplate known = templates.get(capture.id());
        if (known != null) {
            return known;
        }
        FingerprintTemplate made = extract(capture.image());
        templates.put(capture.id(), made);
        return made;
    }

    /** A template of {@code image}, which SourceAFIS scales to its own 500 ppi from the image's resolution. */
    static FingerprintTemplate extract(FingerImage image) throws FingerprintImageException {
        try {
            return new FingerprintTemplate(new FingerprintImage(image.width(), image.height(), image.pixels(),
                    new FingerprintImageOptions().dpi(image.ppi())));
        } catch (RuntimeException e) {
            throw new FingerprintImageException(e, "image.noTemplate", String.valueOf(e.getMessage()));
        }
    }

    /** SourceAFIS similarity of two captures: 0 for unrelated prints, 40 ≈ one false match in 10 000. */
    public double similarity(FingerCapture a, FingerCapture b) throws FingerprintImageException {
        return new FingerprintMatcher(of(a)).match(of(b));
    }

    public void forget(FingerCapture capture) {
        templates.remove(capture.id());
    }
}
