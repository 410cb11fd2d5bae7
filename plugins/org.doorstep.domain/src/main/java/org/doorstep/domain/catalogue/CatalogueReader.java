package org.doorstep.domain.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Issue;
import org.doorstep.domain.LocalizedText;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.ReliefBasis;
import org.doorstep.domain.UrgentReason;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.internal.JsonObject;
import org.doorstep.domain.internal.StrictJson;

/**
 * Reads {@code doorstep-catalogue/1}. Structure (types, unknown and missing fields) is checked while
 * reading, and the first such error ends it; then the content is checked as a whole and every problem is
 * reported: ids (shape, duplicates), references (families, materials, types), conditions (known, and
 * {@code issue:} only where an application is in view), amounts, deadlines, ranges, photo resolution, age
 * bands, and that every visit and urgent reason has its evidence material.
 */
final class CatalogueReader {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_ID = 64;
    private static final BigDecimal MAX_FEE = new BigDecimal("100000");
    private static final int MAX_DAYS = 365;

    private static final Set<String> TOP = Set.of("format", "version", "effective", "note", "pending", "families",
            "materials", "types", "caseRequirements", "waivers", "notice");
    private static final Set<String> PENDING = Set.of("defaultDays", "maxDays");
    private static final Set<String> FAMILY = Set.of("id", "name", "authority", "postage", "photo", "fingerprints");
    private static final Set<String> PHOTO = Set.of("widthPx", "heightPx", "widthMm", "heightMm", "dpi", "headWidthMm",
            "chinToCrownMm", "crownToTopMm", "chinToBottomMinMm", "eyesToBottomMinMm", "backgrounds", "jpegKb",
            "attempts");
    private static final Set<String> RANGE = Set.of("min", "max");
    private static final Set<String> FINGERPRINTS = Set.of("fingers", "order", "bands");
    private static final Set<String> BAND = Set.of("fromAge", "requirement");
    private static final Set<String> MATERIAL = Set.of("id", "name", "hint", "scope", "pendingDays");
    private static final Set<String> TYPE = Set.of("id", "name", "family", "numberPattern", "issues", "requirements",
            "endorsements", "fingerprints");
    private static final Set<String> ISSUE = Set.of("issue", "name", "fee", "prior");
    private static final Set<String> REQUIREMENT = Set.of("material", "level", "when");
    private static final Set<String> CASE_REQUIREMENT = Set.of("material", "level", "when", "evidenceOf");
    private static final Set<String> ENDORSEMENT = Set.of("id", "name", "code", "validities", "requirements");
    private static final Set<String> VALIDITY = Set.of("id", "name", "fee");
    private static final Set<String> WAIVER = Set.of("id", "name", "fee", "percent", "types", "issues", "when");
    private static final Set<String> NOTICE = Set.of("submission", "lateness");

    private final List<Problem> problems = new ArrayList<>();
    /** Where each requirement was read, to name it in problems found later. */
    private final Map<Requirement, String> requirementPaths = new IdentityHashMap<>();
    private final Map<Waiver, String> waiverPaths = new IdentityHashMap<>();

    Catalogue read(byte[] json) {
        JsonObject top = JsonObject.of(StrictJson.parse(json, Catalogue.MAX_BYTES), "$", TOP);
        String format = top.text("format");
        if (!format.equals(Catalogue.FORMAT)) {
            throw JsonObject.fail(top.path("format"), ProblemCode.CAT_FORMAT, format, Catalogue.FORMAT);
        }
        int version = top.integer("version", 1, Integer.MAX_VALUE);
        var effective = top.date("effective");
        Optional<LocalizedText> note = Optional.ofNullable(top.optLocalized("note"));
        PendingPolicy pending = pending(top.object("pending", PENDING));
        List<DocumentFamily> families = new ArrayList<>();
        for (JsonObject f : top.objects("families", FAMILY)) {
            families.add(family(f));
        }
        List<Material> materials = new ArrayList<>();
        for (JsonObject m : top.objects("materials", MATERIAL)) {
            materials.add(material(m, pending));
        }
        List<ApplicationType> types = new ArrayList<>();
        for (JsonObject t : top.objects("types", TYPE)) {
            types.add(type(t));
        }
        List<Requirement> caseRequirements = new ArrayList<>();
        for (JsonObject r : top.objects("caseRequirements", CASE_REQUIREMENT)) {
            caseRequirements.add(requirement(r, false));
        }
        List<Waiver> waivers = new ArrayList<>();
        for (JsonObject w : top.objects("waivers", WAIVER)) {
            waivers.add(waiver(w));
        }
        JsonObject n = top.object("notice", NOTICE);
        NoticeTexts notice = new NoticeTexts(n.localized("submission"), n.localized("lateness"));

        if (families.isEmpty()) {
            problems.add(Problem.of(top.path("families"), ProblemCode.CAT_EMPTY));
        }
        if (types.isEmpty()) {
            problems.add(Problem.of(top.path("types"), ProblemCode.CAT_EMPTY));
        }
        checkIds(families.stream().map(DocumentFamily::id).toList(), "$.families");
        checkIds(materials.stream().map(Material::id).toList(), "$.materials");
        checkIds(types.stream().map(ApplicationType::id).toList(), "$.types");
        checkIds(waivers.stream().map(Waiver::id).toList(), "$.waivers");
        checkReferences(families, materials, types, caseRequirements, waivers);
        checkEvidence(caseRequirements);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Catalogue(version, effective, note, pending, families, materials, types, caseRequirements, waivers,
                notice);
    }

    private PendingPolicy pending(JsonObject p) {
        int defaultDays = p.integer("defaultDays", 1, MAX_DAYS);
        int maxDays = p.integer("maxDays", 1, MAX_DAYS);
        if (defaultDays > maxDays) {
            problems.add(Problem.of(p.path("defaultDays"), ProblemCode.CAT_PENDING_DAYS, defaultDays, maxDays));
        }
        return new PendingPolicy(defaultDays, maxDays);
    }

    private DocumentFamily family(JsonObject f) {
        return new DocumentFamily(f.text("id"), f.localized("name"), f.localized("authority"), photo(f.object("photo",
                PHOTO)), fingerprints(f.object("fingerprints", FINGERPRINTS)), money(f, "postage"));
    }

    private PhotoSpec photo(JsonObject p) {
        Range widthPx = range(p, "widthPx", 1, 10_000);
        Range heightPx = range(p, "heightPx", 1, 10_000);
        double widthMm = p.number("widthMm", 1, 200);
        double heightMm = p.number("heightMm", 1, 200);
        Optional<Integer> dpi = p.optInteger("dpi", 72, 2400);
        if (dpi.isPresent()) {
            // the fixed resolution must turn the printed size into the pixel size (within 2 %)
            double expected = widthMm / 25.4 * dpi.get();
            if (Math.abs(expected - widthPx.min()) > 0.02 * expected) {
                problems.add(Problem.of(p.path("dpi"), ProblemCode.CAT_PHOTO_DPI, dpi.get(), fmt(widthMm),
                        fmt(widthPx.min())));
            }
        }
        Range head = range(p, "headWidthMm", 1, 200);
        Optional<Range> chinToCrown = optRange(p, "chinToCrownMm", 1, 200);
        Optional<Range> crownToTop = optRange(p, "crownToTopMm", 0, 200);
        Optional<Double> chinToBottom = p.optNumber("chinToBottomMinMm", 0, 200);
        Optional<Double> eyesToBottom = p.optNumber("eyesToBottomMinMm", 0, 200);
        List<Background> backgrounds = new ArrayList<>();
        List<String> ids = p.texts("backgrounds");
        for (int i = 0; i < ids.size(); i++) {
            String at = p.path("backgrounds") + "[" + i + "]";
            int index = i;
            org.doorstep.domain.Vocabulary.byId(Background.class, ids.get(i)).ifPresentOrElse(backgrounds::add,
                    () -> problems.add(Problem.of(at, ProblemCode.JSON_NOT_ONE_OF, ids.get(index),
                            String.join(", ", org.doorstep.domain.Vocabulary.ids(Background.class)))));
        }
        if (ids.isEmpty()) {
            problems.add(Problem.of(p.path("backgrounds"), ProblemCode.CAT_EMPTY));
        }
        Range jpegKb = range(p, "jpegKb", 1, 10_000);
        int attempts = p.integer("attempts", 1, 10);
        return new PhotoSpec(widthPx, heightPx, widthMm, heightMm, dpi, head, chinToCrown, crownToTop, chinToBottom,
                eyesToBottom, backgrounds, jpegKb, attempts);
    }

    private static String fmt(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private Range range(JsonObject parent, String field, double min, double max) {
        JsonObject r = parent.object(field, RANGE);
        double lo = r.number("min", min, max);
        double hi = r.number("max", min, max);
        if (lo > hi) {
            problems.add(Problem.of(r.path(), ProblemCode.CAT_RANGE, fmt(lo), fmt(hi)));
            return new Range(lo, lo);
        }
        return new Range(lo, hi);
    }

    private Optional<Range> optRange(JsonObject parent, String field, double min, double max) {
        return parent.has(field) ? Optional.of(range(parent, field, min, max)) : Optional.empty();
    }

    private FingerprintPolicy fingerprints(JsonObject f) {
        int fingers = f.integer("fingers", 0, 10);
        List<Finger> order = new ArrayList<>();
        List<String> ids = f.texts("order");
        for (int i = 0; i < ids.size(); i++) {
            String at = f.path("order") + "[" + i + "]";
            Optional<Finger> finger = org.doorstep.domain.Vocabulary.byId(Finger.class, ids.get(i));
            if (finger.isEmpty()) {
                problems.add(Problem.of(at, ProblemCode.JSON_NOT_ONE_OF, ids.get(i),
                        String.join(", ", org.doorstep.domain.Vocabulary.ids(Finger.class))));
            } else if (order.contains(finger.get())) {
                problems.add(Problem.of(at, ProblemCode.CAT_DUPLICATE_ID, ids.get(i)));
            } else {
                order.add(finger.get());
            }
        }
        if (order.size() < fingers) {
            problems.add(Problem.of(f.path("order"), ProblemCode.CAT_FINGER_ORDER, fingers, order.size()));
        }
        List<AgeBand> bands = new ArrayList<>();
        List<JsonObject> objects = f.objects("bands", BAND);
        for (JsonObject b : objects) {
            int from = b.integer("fromAge", 0, 150);
            FingerprintRequirement r = b.vocabulary("requirement", FingerprintRequirement.class);
            if (bands.isEmpty() ? from != 0 : from <= bands.get(bands.size() - 1).fromAge()) {
                problems.add(Problem.of(b.path("fromAge"), ProblemCode.CAT_AGE_BANDS, from));
                continue;
            }
            bands.add(new AgeBand(from, r));
        }
        if (bands.isEmpty()) {
            if (objects.isEmpty()) {
                problems.add(Problem.of(f.path("bands"), ProblemCode.CAT_EMPTY));
            }
            bands.add(new AgeBand(0, FingerprintRequirement.NONE)); // keeps reading; the problem is reported
        }
        return new FingerprintPolicy(fingers, order, bands);
    }

    private Material material(JsonObject m, PendingPolicy pending) {
        Optional<Integer> days = m.optInteger("pendingDays", 1, MAX_DAYS);
        if (days.isPresent() && days.get() > pending.maxDays()) {
            problems.add(Problem.of(m.path("pendingDays"), ProblemCode.CAT_PENDING_DAYS, days.get(), pending.maxDays()));
        }
        return new Material(m.text("id"), m.localized("name"), Optional.ofNullable(m.optLocalized("hint")),
                m.vocabulary("scope", Scope.class), days);
    }

    private ApplicationType type(JsonObject t) {
        String id = t.text("id");
        List<IssueRule> issues = new ArrayList<>();
        Set<Issue> seen = EnumSet.noneOf(Issue.class);
        for (JsonObject i : t.objects("issues", ISSUE)) {
            IssueRule rule = new IssueRule(i.vocabulary("issue", Issue.class), i.localized("name"), money(i, "fee"),
                    i.vocabulary("prior", PriorDocumentRule.class));
            if (!seen.add(rule.issue())) {
                problems.add(Problem.of(i.path("issue"), ProblemCode.CAT_DUPLICATE_ID, rule.issue().id()));
            }
            issues.add(rule);
        }
        if (issues.isEmpty()) {
            problems.add(Problem.of(t.path("issues"), ProblemCode.CAT_EMPTY));
        }
        List<Requirement> requirements = new ArrayList<>();
        for (JsonObject r : t.objects("requirements", REQUIREMENT)) {
            requirements.add(requirement(r, true));
        }
        List<Endorsement> endorsements = new ArrayList<>();
        for (JsonObject e : t.objects("endorsements", ENDORSEMENT)) {
            endorsements.add(endorsement(e));
        }
        checkIds(endorsements.stream().map(Endorsement::id).toList(), t.path("endorsements"));
        if (seen.contains(Issue.ENDORSEMENT_ONLY) && endorsements.isEmpty()) {
            problems.add(Problem.of(t.path("issues"), ProblemCode.CAT_ENDORSEMENT_ONLY, id));
        }
        Optional<String> numberPattern = Optional.empty();
        if (t.has("numberPattern")) {
            String p = t.text("numberPattern");
            try {
                Pattern.compile(p);
                numberPattern = Optional.of(p);
            } catch (PatternSyntaxException e) {
                problems.add(Problem.of(t.path("numberPattern"), ProblemCode.CAT_PATTERN, p));
            }
        }
        Optional<FingerprintPolicy> fingerprints = t.has("fingerprints")
                ? Optional.of(fingerprints(t.object("fingerprints", FINGERPRINTS))) : Optional.empty();
        return new ApplicationType(id, t.localized("name"), t.text("family"), issues, requirements, endorsements,
                fingerprints, numberPattern);
    }

    private Endorsement endorsement(JsonObject e) {
        List<Validity> validities = new ArrayList<>();
        for (JsonObject v : e.objects("validities", VALIDITY)) {
            validities.add(new Validity(v.text("id"), v.localized("name"), money(v, "fee")));
        }
        if (validities.isEmpty()) {
            problems.add(Problem.of(e.path("validities"), ProblemCode.CAT_EMPTY));
        }
        checkIds(validities.stream().map(Validity::id).toList(), e.path("validities"));
        List<Requirement> requirements = new ArrayList<>();
        for (JsonObject r : e.objects("requirements", REQUIREMENT)) {
            requirements.add(requirement(r, true));
        }
        return new Endorsement(e.text("id"), e.localized("name"), Optional.ofNullable(e.optText("code")), validities,
                requirements);
    }

    private Requirement requirement(JsonObject r, boolean applicationInView) {
        List<Condition> when = conditions(r, applicationInView);
        Optional<EvidenceOf> evidenceOf = Optional.ofNullable(r.optVocabulary("evidenceOf", EvidenceOf.class));
        Requirement requirement = new Requirement(r.text("material"), r.vocabulary("level", Level.class), when,
                evidenceOf);
        requirementPaths.put(requirement, r.path());
        return requirement;
    }

    private List<Condition> conditions(JsonObject o, boolean applicationInView) {
        List<Condition> out = new ArrayList<>();
        List<String> texts = o.texts("when");
        for (int i = 0; i < texts.size(); i++) {
            String at = o.path("when") + "[" + i + "]";
            Optional<Condition> c = Condition.parse(texts.get(i));
            if (c.isEmpty()) {
                problems.add(Problem.of(at, ProblemCode.CAT_UNKNOWN_CONDITION, texts.get(i)));
            } else if (c.get().needsApplication() && !applicationInView) {
                problems.add(Problem.of(at, ProblemCode.CAT_CONDITION_NOT_HERE, texts.get(i)));
            } else {
                out.add(c.get());
            }
        }
        return out;
    }

    private Waiver waiver(JsonObject w) {
        FeeKind fee = w.vocabulary("fee", FeeKind.class);
        Set<Issue> issues = EnumSet.noneOf(Issue.class);
        List<String> issueIds = w.texts("issues");
        for (int i = 0; i < issueIds.size(); i++) {
            String at = w.path("issues") + "[" + i + "]";
            int index = i;
            org.doorstep.domain.Vocabulary.byId(Issue.class, issueIds.get(i)).ifPresentOrElse(issues::add,
                    () -> problems.add(Problem.of(at, ProblemCode.JSON_NOT_ONE_OF, issueIds.get(index),
                            String.join(", ", org.doorstep.domain.Vocabulary.ids(Issue.class)))));
        }
        boolean perApplication = fee != FeeKind.POSTAGE;
        if (!perApplication && !issueIds.isEmpty()) {
            problems.add(Problem.of(w.path("issues"), ProblemCode.CAT_CONDITION_NOT_HERE, String.join(", ", issueIds)));
        }
        Waiver waiver = new Waiver(w.text("id"), w.localized("name"), fee, w.integer("percent", 1, 100),
                new LinkedHashSet<>(w.texts("types")), issues, conditions(w, perApplication));
        waiverPaths.put(waiver, w.path());
        return waiver;
    }

    private BigDecimal money(JsonObject o, String field) {
        BigDecimal d = o.decimal(field, BigDecimal.ZERO, MAX_FEE);
        if (d.stripTrailingZeros().scale() > 2) {
            problems.add(Problem.of(o.path(field), ProblemCode.CAT_MONEY, d.toPlainString()));
        }
        return d.setScale(Math.max(0, Math.min(2, d.stripTrailingZeros().scale())), java.math.RoundingMode.HALF_UP);
    }

    private void checkIds(List<String> ids, String path) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String at = path + "[" + i + "].id";
            if (id.length() > MAX_ID || !ID.matcher(id).matches()) {
                problems.add(Problem.of(at, ProblemCode.CAT_BAD_ID, id));
            } else if (!seen.add(id)) {
                problems.add(Problem.of(at, ProblemCode.CAT_DUPLICATE_ID, id));
            }
        }
    }

    private void checkReferences(List<DocumentFamily> families, List<Material> materials, List<ApplicationType> types,
            List<Requirement> caseRequirements, List<Waiver> waivers) {
        Set<String> familyIds = new HashSet<>();
        families.forEach(f -> familyIds.add(f.id()));
        Set<String> materialIds = new HashSet<>();
        materials.forEach(m -> materialIds.add(m.id()));
        Set<String> typeIds = new HashSet<>();
        types.forEach(t -> typeIds.add(t.id()));
        for (int i = 0; i < types.size(); i++) {
            ApplicationType t = types.get(i);
            if (!familyIds.contains(t.family())) {
                problems.add(Problem.of("$.types[" + i + "].family", ProblemCode.CAT_UNKNOWN_FAMILY, t.family()));
            }
            t.requirements().forEach(r -> checkMaterial(r, materialIds));
            t.endorsements().forEach(e -> e.requirements().forEach(r -> checkMaterial(r, materialIds)));
        }
        caseRequirements.forEach(r -> checkMaterial(r, materialIds));
        for (Waiver w : waivers) {
            for (String type : w.types()) {
                if (!typeIds.contains(type)) {
                    problems.add(Problem.of(waiverPaths.get(w) + ".types", ProblemCode.CAT_UNKNOWN_TYPE, type));
                }
            }
        }
    }

    private void checkMaterial(Requirement r, Set<String> materialIds) {
        if (!materialIds.contains(r.material())) {
            problems.add(Problem.of(requirementPaths.get(r) + ".material", ProblemCode.CAT_UNKNOWN_MATERIAL,
                    r.material()));
        }
    }

    /**
     * Every visit reason that needs evidence and every urgent reason has a case-level material marked as its
     * evidence, required under its condition; and fee relief has one too. Otherwise the checklist could not
     * ask for the proof the form refers to.
     */
    private void checkEvidence(List<Requirement> caseRequirements) {
        for (VisitReason v : VisitReason.values()) {
            if (v.needsEvidence() && !covered(caseRequirements, EvidenceOf.VISIT, "visit:" + v.id())) {
                problems.add(Problem.of("$.caseRequirements", ProblemCode.CAT_EVIDENCE_MISSING, "visit:" + v.id()));
            }
        }
        for (UrgentReason u : UrgentReason.values()) {
            if (!covered(caseRequirements, EvidenceOf.URGENT, "urgent:" + u.id())) {
                problems.add(Problem.of("$.caseRequirements", ProblemCode.CAT_EVIDENCE_MISSING, "urgent:" + u.id()));
            }
        }
        for (ReliefBasis b : ReliefBasis.values()) {
            if (!covered(caseRequirements, EvidenceOf.RELIEF, "relief:" + b.id())) {
                problems.add(Problem.of("$.caseRequirements", ProblemCode.CAT_EVIDENCE_MISSING, "relief:" + b.id()));
            }
        }
    }

    /** Whether a requirement marked as {@code of}'s evidence applies whenever {@code condition} holds. */
    private static boolean covered(List<Requirement> requirements, EvidenceOf of, String condition) {
        Condition c = Condition.parse(condition).orElseThrow();
        return requirements.stream().filter(r -> r.evidenceOf().orElse(null) == of)
                .anyMatch(r -> !r.when().isEmpty() && r.when().stream()
                        .allMatch(w -> w.text().equals(c.text()) || generalises(w, c)));
    }

    /** {@code urgent} generalises {@code urgent:funeral}, {@code relief} every {@code relief:<basis>}. */
    private static boolean generalises(Condition general, Condition specific) {
        return (general.kind() == Condition.Kind.URGENT && specific.kind() == Condition.Kind.URGENT_REASON)
                || (general.kind() == Condition.Kind.RELIEF && specific.kind() == Condition.Kind.RELIEF_BASIS);
    }
}
