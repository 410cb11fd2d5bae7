package org.doorstep.domain.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Messages;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.TestForms;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.VisitBasis;
import org.junit.jupiter.api.Test;

class VisitRecordTest {

    /** 10:30 in Beijing on the visit date. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T02:30:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final Instant ARRIVED = Instant.parse("2025-06-01T01:30:00Z");
    private static final Instant LEFT = Instant.parse("2025-06-01T02:15:00Z");
    private static final Officer OFFICER = new Officer("J10023", "王警官");
    private static final CaseForm FORM = TestForms.withVisit(TestForms.elderly(),
            new VisitBasis(VisitReason.DISABLED, "scan.disability"));

    private final VisitValidator validator = new VisitValidator(CLOCK);

    private static VisitRecord signed() {
        return new VisitRecord(OFFICER, ARRIVED, LEFT, "北京市西城区某街道 1 号",
                new GpsPosition(39.9139, 116.3662, 12.5, ARRIVED.plusSeconds(120)),
                new VisitBasis(VisitReason.DISABLED, "scan.disability"), new Presence.Signed("signature"));
    }

    private static VisitRecord with(VisitRecord r, Instant start, Instant end, GpsPosition position, Presence presence) {
        return new VisitRecord(r.officer(), start, end, r.address(), position, r.why(), presence);
    }

    private List<String> found(VisitRecord r) {
        return validator.validate(r, FORM).stream().map(p -> p.code() + " " + p.path()).toList();
    }

    @Test
    void aSignedVisitWithPositionIsComplete() {
        assertEquals(List.of(), found(signed()));
        assertEquals(List.of(), found(with(signed(), ARRIVED, LEFT, null, new Presence.Signed("signature"))),
                "the position is optional: not every laptop has a receiver");
    }

    @Test
    void anApplicantWhoCannotSignIsWitnessedAndPhotographed() {
        Presence witnessed = new Presence.Witnessed("李强", TestForms.SON, "photo.witness", "右手瘫痪，无法签名");
        assertEquals(List.of(), found(with(signed(), ARRIVED, LEFT, null, witnessed)));
        assertEquals(List.of("FORM_SAME_PERSON $.presence.witnessIdNumber", "FORM_ITEM_REF $.presence.photo",
                "FORM_REQUIRED $.presence.reason"),
                found(with(signed(), ARRIVED, LEFT, null, new Presence.Witnessed("王秀英", TestForms.ELDERLY, "Photo 1", " "))));
        assertEquals(List.of("FORM_MUST_BE_ADULT $.presence.witnessIdNumber", "FORM_REQUIRED $.presence.photo"),
                found(with(signed(), ARRIVED, LEFT, null, new Presence.Witnessed("张小明", TestForms.BOY, null, "失明"))));
    }

    @Test
    void presenceMustBeShownOneWayOrTheOther() {
        List<Problem> problems = validator.validate(with(signed(), ARRIVED, LEFT, null, null), FORM);
        assertEquals(1, problems.size());
        assertEquals("申请人在场证明：须有申请人签名，或无法签名时由见证人证明并拍照", problems.get(0).message(Locale.SIMPLIFIED_CHINESE));
        assertEquals(List.of("FORM_REQUIRED $.presence.signature"),
                found(with(signed(), ARRIVED, LEFT, null, new Presence.Signed(null))));
    }

    @Test
    void timesAreOrderedNotInTheFutureAndPlausible() {
        assertEquals(List.of("VISIT_END_BEFORE_START $.end"), found(with(signed(), LEFT, ARRIVED, null, new Presence.Signed("signature"))));
        List<Problem> future = validator.validate(with(signed(), ARRIVED, CLOCK.instant().plusSeconds(3600), null,
                new Presence.Signed("signature")), FORM);
        assertEquals("Departure: 2025-06-01 11:30 is later than now; please check the laptop's clock",
                future.get(0).message(Locale.ENGLISH));
        assertEquals(List.of(), found(with(signed(), ARRIVED, CLOCK.instant().plusSeconds(240), null,
                new Presence.Signed("signature"))), "a few minutes of clock drift are tolerated");
        assertEquals(List.of("VISIT_TOO_LONG $.end"), found(with(signed(), ARRIVED.minusSeconds(13 * 3600), LEFT, null,
                new Presence.Signed("signature"))));
        assertEquals(List.of("FORM_REQUIRED $.end"), found(with(signed(), ARRIVED, null, null, new Presence.Signed("signature"))));
    }

    @Test
    void aPositionIsWithinRangeAndFixedDuringTheVisit() {
        Presence s = new Presence.Signed("signature");
        assertEquals(List.of("VISIT_RANGE $.position.latitude", "VISIT_RANGE $.position.longitude",
                "VISIT_RANGE $.position.accuracy"),
                found(with(signed(), ARRIVED, LEFT, new GpsPosition(91, -181, 0, ARRIVED), s)));
        assertEquals(List.of("VISIT_RANGE $.position.latitude", "VISIT_RANGE $.position.accuracy"),
                found(with(signed(), ARRIVED, LEFT, new GpsPosition(Double.NaN, 116, 6000, ARRIVED), s)));
        assertEquals(List.of("VISIT_FIX_OUTSIDE $.position.fixedAt"),
                found(with(signed(), ARRIVED, LEFT, new GpsPosition(39.9, 116.3, 10, ARRIVED.minusSeconds(3 * 3600)), s)));
        assertEquals(List.of(), found(with(signed(), ARRIVED, LEFT, new GpsPosition(-90, 180, 5000, LEFT.plusSeconds(600)), s)));
        assertEquals(List.of("FORM_REQUIRED $.position.fixedAt"),
                found(with(signed(), ARRIVED, LEFT, new GpsPosition(39.9, 116.3, 10, null), s)));
        Problem p = validator.validate(with(signed(), ARRIVED, LEFT, new GpsPosition(95.5, 116.3, 10, ARRIVED), s), FORM).get(0);
        assertEquals("纬度：95.5 超出范围，应在 -90 到 90 之间", p.message(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void theReasonAndItsEvidenceAreTheFormsAndPresent() {
        VisitRecord noEvidence = new VisitRecord(OFFICER, ARRIVED, LEFT, "某地", null, new VisitBasis(VisitReason.DISABLED, null),
                new Presence.Signed("signature"));
        assertEquals(List.of("FORM_EVIDENCE_REQUIRED $.why.evidence", "VISIT_DIFFERS_FROM_FORM $.why"), found(noEvidence));
        assertEquals(List.of("FORM_EVIDENCE_REQUIRED $.why.evidence"),
                validator.validate(noEvidence, null).stream().map(p -> p.code() + " " + p.path()).toList());
        VisitRecord aged = new VisitRecord(OFFICER, ARRIVED, LEFT, "某地", null, new VisitBasis(VisitReason.AGED_60_PLUS, null),
                new Presence.Signed("signature"));
        assertEquals(List.of(), validator.validate(aged, TestForms.elderly()), "60+ needs no evidence beyond the identity number");
    }

    @Test
    void theOfficerHasAnIdOfTheVaultsShapeAndAName() {
        VisitRecord r = new VisitRecord(new Officer("J 10023", ""), ARRIVED, LEFT, "某地", null, FORM.visit(),
                new Presence.Signed("signature"));
        assertEquals(List.of("VISIT_OFFICER_ID $.officer.id", "FORM_REQUIRED $.officer.name"), found(r));
    }

    @Test
    void everyMessageNamesItsFieldInBothLanguages() {
        VisitRecord bad = new VisitRecord(new Officer("?", null), LEFT, ARRIVED, null,
                new GpsPosition(100, 200, -1, null), new VisitBasis(VisitReason.SERIOUSLY_ILL, "X"),
                new Presence.Witnessed(null, "1", null, null));
        List<Problem> problems = validator.validate(bad, FORM);
        assertTrue(problems.size() >= 12, problems.toString());
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            Messages m = Messages.of(locale);
            for (Problem p : problems) {
                String label = m.label(p.path());
                assertTrue(!label.startsWith("$"), "no label for " + p.path());
                assertTrue(m.format(p).startsWith(label), m.format(p));
            }
        }
    }

    @Test
    void aRecordReadsBackEqualToWhatWasWritten() {
        VisitRecord witnessed = with(signed(), ARRIVED, LEFT, signed().position(),
                new Presence.Witnessed("李强", TestForms.SON, "photo.witness", "右手瘫痪"));
        assertEquals(signed(), VisitJson.read(VisitJson.write(signed())));
        assertEquals(witnessed, VisitJson.read(VisitJson.write(witnessed)));
        VisitRecord empty = new VisitRecord(null, null, null, null, null, null, null);
        assertEquals(empty, VisitJson.read(VisitJson.write(empty)));
    }

    @Test
    void badVisitFilesAreRefusedByPath() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VisitJson.read(
                "{\"format\":\"doorstep-visit/1\",\"presence\":{\"kind\":\"signed\",\"photo\":\"p\"}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("$.presence.photo", e.problems().get(0).path());
        assertEquals(ProblemCode.JSON_UNKNOWN_FIELD, e.problems().get(0).code());
        e = assertThrows(InvalidInputException.class, () -> VisitJson.read(
                "{\"format\":\"doorstep-visit/1\",\"presence\":{\"kind\":\"fingerprint\"}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ProblemCode.JSON_NOT_ONE_OF, e.problems().get(0).code());
        e = assertThrows(InvalidInputException.class, () -> VisitJson.read(
                "{\"format\":\"doorstep-visit/1\",\"start\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("到达时间：“yesterday”不是时间，应写作 2025-03-01T09:30:00+08:00 的形式",
                e.messages(Locale.SIMPLIFIED_CHINESE).get(0));
        e = assertThrows(InvalidInputException.class, () -> VisitJson.read(
                "{\"format\":\"doorstep-visit/1\",\"position\":{\"latitude\":\"39.9\"}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("Latitude: must be a number", e.messages(Locale.ENGLISH).get(0));
    }
}
