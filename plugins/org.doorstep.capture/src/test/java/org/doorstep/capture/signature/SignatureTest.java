package org.doorstep.capture.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureTest {

    private static final Instant AT = Instant.parse("2026-11-21T09:30:00Z");

    /** Three strokes like a hand-written name: loops across most of an 800 × 300 pad. */
    static Signature handwritten() {
        List<Stroke> strokes = new ArrayList<>();
        long t = 0;
        for (int s = 0; s < 3; s++) {
            List<InkPoint> points = new ArrayList<>();
            for (int i = 0; i <= 60; i++) {
                double x = 80 + s * 220 + i * 3;
                double y = 150 + 70 * Math.sin(i / 6.0 + s) * (s == 1 ? -1 : 1);
                points.add(new InkPoint(x, y, t += 8, 0.3 + 0.5 * Math.abs(Math.cos(i / 9.0))));
            }
            strokes.add(new Stroke(points));
            t += 150;
        }
        return new Signature(SignerRole.APPLICANT, "欧阳明月", 800, 300, strokes, AT);
    }

    @Test
    void aHandwrittenSignaturePassesAndRendersAsInkOnWhite() throws Exception {
        Signature s = handwritten();
        assertEquals(List.of(), SignatureCheck.check(s));
        byte[] png = SignatureRenderer.png(s);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(SignatureRenderer.WIDTH, image.getWidth());
        assertEquals(SignatureRenderer.HEIGHT, image.getHeight());
        int dark = 0;
        int leftmost = image.getWidth();
        int rightmost = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xff) < 100) {
                    dark++;
                    leftmost = Math.min(leftmost, x);
                    rightmost = Math.max(rightmost, x);
                }
            }
        }
        assertTrue(dark > 2000, "ink drawn: " + dark + " dark pixels");
        assertTrue(rightmost - leftmost > image.getWidth() * 0.8, "the ink is scaled to fill the box");
        assertTrue((image.getRGB(0, 0) & 0xff) == 0xff, "white background");
        assertArrayEquals(png, SignatureRenderer.png(s), "same strokes, same bytes");
    }

    @Test
    void strokesSurviveTheirStoredForm() throws Exception {
        Signature s = handwritten();
        Signature back = SignatureJson.read(SignatureJson.write(s));
        assertEquals(s.role(), back.role());
        assertEquals(s.signerName(), back.signerName());
        assertEquals(s.signedAt(), back.signedAt());
        assertEquals(s.pointCount(), back.pointCount());
        assertEquals(s.inkLength(), back.inkLength(), 1.0);
        assertArrayEquals(SignatureRenderer.png(back), SignatureRenderer.png(SignatureJson.read(SignatureJson.write(back))));
    }

    @Test
    void aTapADotAndAnEmptyPadAreNotSignatures() {
        Signature empty = new Signature(SignerRole.OFFICER, "王警官", 800, 300, List.of(), AT);
        assertEquals(List.of(new SignatureProblem(SignatureProblem.Code.NO_INK)), SignatureCheck.check(empty));
        Signature tap = new Signature(SignerRole.OFFICER, "王警官", 800, 300,
                List.of(new Stroke(List.of(new InkPoint(400, 150, 0, 0.5)))), AT);
        assertEquals(List.of(new SignatureProblem(SignatureProblem.Code.NO_INK)), SignatureCheck.check(tap));
        List<InkPoint> scribble = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            scribble.add(new InkPoint(400 + 10 * Math.sin(i), 150 + 10 * Math.cos(i), i, 0.5)); // ink, but a blot
        }
        Signature dot = new Signature(SignerRole.OFFICER, "王警官", 800, 300, List.of(new Stroke(scribble)), AT);
        assertEquals(List.of(new SignatureProblem(SignatureProblem.Code.TOO_SMALL)), SignatureCheck.check(dot));
        assertThrows(IllegalArgumentException.class, () -> SignatureRenderer.png(dot), "not rendered");
    }

    @Test
    void garbageFromAPadIsCaught() {
        Signature s = handwritten();
        List<Stroke> strokes = new ArrayList<>(s.strokes());
        strokes.add(new Stroke(List.of(new InkPoint(900, 10, 5000, 0.5), new InkPoint(905, 12, 4000, 0.5))));
        Signature bad = new Signature(SignerRole.APPLICANT, " ", 800, 300, strokes, AT);
        List<SignatureProblem.Code> codes = SignatureCheck.check(bad).stream().map(SignatureProblem::code).toList();
        assertEquals(List.of(SignatureProblem.Code.SIGNER_NAME_MISSING, SignatureProblem.Code.OUT_OF_PAD,
                SignatureProblem.Code.TIME_GOES_BACK), codes);
        Signature hugePad = new Signature(SignerRole.APPLICANT, "张三", 80_000, 300, s.strokes(), AT);
        assertEquals(SignatureProblem.Code.CANVAS_SIZE, SignatureCheck.check(hugePad).get(0).code());
        assertThrows(IllegalArgumentException.class, () -> new InkPoint(Double.NaN, 0, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new InkPoint(1, 1, 0, 1.5));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[]",
        "{\"format\":\"doorstep-signature/1\"}",
        "{\"format\":\"doorstep-signature/2\",\"role\":\"applicant\",\"signer\":\"a\",\"signedAt\":\"2026-11-21T09:30:00Z\",\"pad\":{\"width\":800,\"height\":300},\"strokes\":[]}",
        "{\"format\":\"doorstep-signature/1\",\"role\":\"boss\",\"signer\":\"a\",\"signedAt\":\"2026-11-21T09:30:00Z\",\"pad\":{\"width\":800,\"height\":300},\"strokes\":[]}",
        "{\"format\":\"doorstep-signature/1\",\"role\":\"applicant\",\"signer\":\"a\",\"signedAt\":\"yesterday\",\"pad\":{\"width\":800,\"height\":300},\"strokes\":[]}",
        "{\"format\":\"doorstep-signature/1\",\"role\":\"applicant\",\"signer\":\"a\",\"signedAt\":\"2026-11-21T09:30:00Z\",\"pad\":{\"width\":800,\"height\":300},\"strokes\":[[[1,2,3]]]}",
        "{\"format\":\"doorstep-signature/1\",\"role\":\"applicant\",\"signer\":\"a\",\"signedAt\":\"2026-11-21T09:30:00Z\",\"pad\":{\"width\":800,\"height\":300},\"strokes\":[[[1,2,3,7]]]}",
        "{\"format\":\"doorstep-signature/1\",\"role\":\"applicant\",\"signer\":\"a\",\"signedAt\":\"2026-11-21T09:30:00Z\",\"pad\":{\"width\":800,\"height\":300},\"strokes\":[[]]}",
        "{\"format\":\"doorstep-signature/1\",\"role\":\"applicant\",\"signer\":\"a\",\"signedAt\":\"2026-11-21T09:30:00Z\",\"pad\":{\"width\":800,\"height\":300},\"strokes\":[],\"dpi\":300}",
        "{\"format\":\"doorstep-signature/1\",\"format\":\"doorstep-signature/1\",\"role\":\"applicant\",\"signer\":\"a\",\"signedAt\":\"2026-11-21T09:30:00Z\",\"pad\":{\"width\":800,\"height\":300},\"strokes\":[]}",
        "{\"format\":\"doorstep-signature/1\",\"role\":\"applicant\",\"signer\":\"a\",\"signedAt\":\"2026-11-21T09:30:00Z\",\"pad\":{\"width\":800,\"height\":300},\"strokes\":[]} {}"
    })
    void malformedSignatureDataIsRefusedWithWhereItIsWrong(String json) {
        SignatureJson.BadSignatureData e = assertThrows(SignatureJson.BadSignatureData.class,
                () -> SignatureJson.read(json.getBytes(StandardCharsets.UTF_8)));
        assertFalse(e.getMessage().isBlank());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SignatureProblem.Code.class)
    void everyProblemHasChineseAndEnglishWords(SignatureProblem.Code code) {
        SignatureProblem p = new SignatureProblem(code, 1, 2, 3, 4);
        String zh = p.message(Locale.SIMPLIFIED_CHINESE);
        String en = p.message(Locale.ENGLISH);
        assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), zh);
        assertFalse(en.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), en);
        assertFalse(zh.contains("{") || en.contains("{"), "all arguments filled");
    }
}
