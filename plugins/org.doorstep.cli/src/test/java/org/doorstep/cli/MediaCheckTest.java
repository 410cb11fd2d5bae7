package org.doorstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.doorstep.vault.Fixture;
import org.doorstep.vault.ItemKind;
import org.junit.jupiter.api.Test;

class MediaCheckTest {

    /** The smallest PDF that has what a PDF starts and ends with. */
    static final byte[] PDF = """
            %PDF-1.4
            1 0 obj << /Type /Catalog >> endobj
            trailer << /Root 1 0 R >>
            %%EOF
            """.getBytes(StandardCharsets.US_ASCII);

    @Test
    void realImagesAreRecognisedByTheirContent() throws Exception {
        assertEquals(MediaFormat.JPEG, MediaCheck.check(ItemKind.PHOTO, Fixture.resource("obama.jpg")));
        assertEquals(MediaFormat.PNG, MediaCheck.check(ItemKind.SIGNATURE, Fixture.resource("probe.png")));
        assertEquals(MediaFormat.WSQ, MediaCheck.check(ItemKind.FINGERPRINT, Fixture.resource("wsq-original.wsq")));
        assertEquals(MediaFormat.PDF, MediaCheck.check(ItemKind.SCAN, PDF));
        assertEquals(MediaFormat.JPEG, MediaCheck.check(ItemKind.SCAN, Fixture.resource("biden.jpg")));
    }

    @Test
    void eachKindRefusesTheFormatsItDoesNotTake() {
        assertRefused(ItemKind.PHOTO, PDF, "is a PDF document; a photo must be JPEG or PNG");
        assertRefused(ItemKind.PHOTO, Fixture.resource("wsq-original.wsq"), "is a WSQ image; a photo must be JPEG or PNG");
        assertRefused(ItemKind.SIGNATURE, PDF, "a signature must be JPEG or PNG");
        assertRefused(ItemKind.FINGERPRINT, PDF, "a fingerprint must be JPEG, PNG or WSQ");
        assertRefused(ItemKind.SCAN, Fixture.resource("wsq-original.wsq"), "a scan must be JPEG, PNG or PDF");
    }

    @Test
    void damagedOrCutShortFilesAreNotImages() {
        byte[] jpeg = Fixture.resource("obama.jpg");
        byte[] png = Fixture.resource("probe.png");
        byte[] wsq = Fixture.resource("wsq-original.wsq");
        assertRefused(ItemKind.PHOTO, "just some text".getBytes(StandardCharsets.UTF_8),
                "is not an image: its content is not JPEG or PNG");
        assertRefused(ItemKind.SCAN, "just some text".getBytes(StandardCharsets.UTF_8), "is not an image or a PDF document");
        assertRefused(ItemKind.PHOTO, Arrays.copyOf(jpeg, jpeg.length / 3), "cut-short JPEG image");
        assertRefused(ItemKind.PHOTO, Arrays.copyOf(jpeg, 600), "JPEG");
        assertRefused(ItemKind.PHOTO, Arrays.copyOf(png, png.length / 2), "is not a readable PNG image");
        assertRefused(ItemKind.FINGERPRINT, Arrays.copyOf(wsq, wsq.length - 100), "cut-short WSQ file");
        assertRefused(ItemKind.SCAN, Arrays.copyOf(PDF, PDF.length - 7), "cut-short PDF file");
        byte[] garbage = Arrays.copyOf(jpeg, 4000);
        Arrays.fill(garbage, 20, garbage.length, (byte) 0x5a);
        assertRefused(ItemKind.PHOTO, garbage, "JPEG");
    }

    private static void assertRefused(ItemKind kind, byte[] content, String fragment) {
        MediaCheck.Refused e = assertThrows(MediaCheck.Refused.class, () -> MediaCheck.check(kind, content));
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }
}
