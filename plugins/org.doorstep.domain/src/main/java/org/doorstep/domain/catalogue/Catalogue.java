package org.doorstep.domain.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.LocalizedText;

/**
 * What can be applied for and what each application needs: document families (photo standard,
 * fingerprints, postage), materials, application types with their issues, fees, endorsements and
 * requirements, case-level requirements, waivers, pending deadlines and the notice's texts.
 *
 * <p>The catalogue is data ({@code doorstep-catalogue/1} JSON), versioned and replaceable: HQ sends newer
 * versions ({@link CatalogueHolder}). The one built in ({@link #builtIn()}) is the starting point; its fees
 * and rules are this project's best reading of the national rules, and HQ's catalogue is authoritative.
 * {@link #parse} checks a catalogue strictly and reports every problem it finds, with its JSON path.
 */
public final class Catalogue {

    /** The format this version reads. */
    public static final String FORMAT = "doorstep-catalogue/1";
    /** The catalogue shipped with the product. */
    public static final String BUILT_IN = "/org/doorstep/domain/catalogue/catalogue-v1.json";
    /** Larger files are refused before parsing. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private final int version;
    private final LocalDate effective;
    private final Optional<LocalizedText> note;
    private final PendingPolicy pending;
    private final Map<String, DocumentFamily> families;
    private final Map<String, Material> materials;
    private final Map<String, ApplicationType> types;
    private final List<Requirement> caseRequirements;
    private final List<Waiver> waivers;
    private final NoticeTexts notice;

    Catalogue(int version, LocalDate effective, Optional<LocalizedText> note, PendingPolicy pending,
            List<DocumentFamily> families, List<Material> materials, List<ApplicationType> types,
            List<Requirement> caseRequirements, List<Waiver> waivers, NoticeTexts notice) {
        this.version = version;
        this.effective = effective;
        this.note = note;
        this.pending = pending;
        this.families = index(families, DocumentFamily::id);
        this.materials = index(materials, Material::id);
        this.types = index(types, ApplicationType::id);
        this.caseRequirements = List.copyOf(caseRequirements);
        this.waivers = List.copyOf(waivers);
        this.notice = notice;
    }

    private static <T> Map<String, T> index(List<T> values, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        values.forEach(v -> map.put(id.apply(v), v));
        return java.util.Collections.unmodifiableMap(map);
    }

    /**
     * Reads and checks a catalogue file.
     *
     * @throws InvalidInputException listing every problem (one for a syntax or structure error, where reading
     *                               stops; all of them for wrong references, duplicates and rules)
     */
    public static Catalogue parse(byte[] json) {
        return new CatalogueReader().read(json);
    }

    /** The catalogue shipped with the product. */
    public static Catalogue builtIn() {
        try (InputStream in = Catalogue.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in catalogue " + BUILT_IN + " is missing from the bundle");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in catalogue could not be read", e);
        }
    }

    /** Increases with every catalogue HQ publishes. */
    public int version() {
        return version;
    }

    /** From when its fees and rules apply. */
    public LocalDate effective() {
        return effective;
    }

    /** HQ's remark about this version, if any. */
    public Optional<LocalizedText> note() {
        return note;
    }

    public PendingPolicy pending() {
        return pending;
    }

    public List<DocumentFamily> families() {
        return List.copyOf(families.values());
    }

    public List<Material> materials() {
        return List.copyOf(materials.values());
    }

    /** Application types in the catalogue's order (the order the form offers them). */
    public List<ApplicationType> types() {
        return List.copyOf(types.values());
    }

    public List<Requirement> caseRequirements() {
        return caseRequirements;
    }

    public List<Waiver> waivers() {
        return waivers;
    }

    public NoticeTexts notice() {
        return notice;
    }

    public Optional<DocumentFamily> family(String id) {
        return Optional.ofNullable(families.get(id));
    }

    public Optional<Material> material(String id) {
        return Optional.ofNullable(materials.get(id));
    }

    public Optional<ApplicationType> type(String id) {
        return Optional.ofNullable(types.get(id));
    }

    /** The family of a type of this catalogue. */
    public DocumentFamily familyOf(ApplicationType type) {
        return families.get(type.family());
    }

    /** The type's fingerprints, or its family's. */
    public FingerprintPolicy fingerprints(ApplicationType type) {
        return type.fingerprints().orElse(familyOf(type).fingerprints());
    }

    /** Days to hand in a material accepted pending, unless the officer sets another deadline. */
    public int pendingDays(Material material) {
        return material.pendingDays().orElse(pending.defaultDays());
    }

    @Override
    public String toString() {
        return "catalogue v" + version + " (effective " + effective + ")";
    }
}
