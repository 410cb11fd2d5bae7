package org.doorstep.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistJson;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.FormJson;
import org.doorstep.domain.visit.VisitJson;
import org.doorstep.domain.visit.VisitRecord;
import org.doorstep.vault.CaseStore;
import org.doorstep.field.CaseLayout;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a case file ({@code doorstep-case/2}) and everything it refers to, and checks all of it before the
 * vault is touched: strict JSON (no duplicate keys, nothing after the object), no unknown fields, the form
 * and the visit record as the domain reads and judges them ({@link CaseRules}), every attachment an
 * existing, readable file of a format its kind accepts. The first problem found ends the import with one
 * line naming the JSON path (and, for syntax errors, line and column).
 *
 * <pre>
 * {"format": "doorstep-case/2", "label": "张三 · 护照", "visitDate": "2026-11-20",
 *  "form": {"format": "doorstep-form/1", …},
 *  "attachments": [{"kind": "scan", "slot": "scan.id-card", "file": "id-card.pdf", "material": "resident-id-card"}],
 *  "pending": [{"material": "kinship-proof", "deadline": "2026-12-05"}],
 *  "visit": {"format": "doorstep-visit/1", …}}
 * </pre>
 *
 * The checks run cheapest first: the file's structure, then the domain's rules, then the attached files
 * (JPEG and PNG decoded in full). Both {@code import} and {@code checklist} read a case through here, so
 * what one accepts the other accepts.
 */
final class CaseFile {

    static final String FORMAT = "doorstep-case/2";
    // the slots and media type of a case's structured items are the field layer's, shared with the guided case
    private static final String FORM_SLOT = CaseLayout.FORM_SLOT;
    private static final String CHECKLIST_SLOT = CaseLayout.CHECKLIST_SLOT;
    private static final String VISIT_SLOT = CaseLayout.VISIT_SLOT;
    private static final String JSON_MEDIA_TYPE = CaseLayout.JSON_MEDIA_TYPE;

    private static final List<String> CASE_FIELDS = List.of("format", "label", "visitDate", "form", "attachments",
            "pending", "visit");
    private static final List<String> ATTACHMENT_FIELDS = List.of("kind", "slot", "file", "material");
    private static final List<String> PENDING_FIELDS = List.of("material", "deadline");
    /** Fields of doorstep-case/1 that moved, and where to. */
    private static final Map<String, String> MOVED = Map.of("urgent", "urgent processing is asked for in the form's \"urgent\"");

    /** Configured once, never changed: Jackson mappers are safe to share once built. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * A case ready for {@link CaseStore#create}: every item checked; with what the domain made of it, for
     * {@code checklist} to print.
     *
     * @param visit {@code null} when the case file has no visit record
     */
    record Parsed(String label, boolean urgent, LocalDate visitDate, Catalogue catalogue, CaseForm form,
            Checklist checklist, VisitRecord visit, List<Attachment> attachments, List<NewItem> items) {
    }

    /**
     * An entry of {@code attachments}, checked for shape; its file is read last.
     *
     * @param path     the entry's JSON path, for messages
     * @param material the checklist item a scan is for ({@code material} or {@code material@type}), or {@code null}
     */
    record Attachment(String path, ItemKind kind, String slot, String file, String material) {
    }

    /** An entry of {@code pending}; {@code deadline} is {@code null} for the catalogue's default. */
    record Pending(String path, String material, LocalDate deadline) {
    }

    /**
     * What the case file says, structurally sound, before the domain's rules.
     *
     * @param label     {@code null}: made from the form
     * @param visitDate {@code null}: the visit record's day, else today
     * @param visit     {@code null}: no visit record
     */
    record Content(String label, LocalDate visitDate, CaseForm form, List<Attachment> attachments,
            List<Pending> pending, VisitRecord visit) {
    }

    private final Path json;
    private final String name;
    private final Locale locale;

    private CaseFile(Path json, Locale locale) {
        this.json = json;
        this.name = json.toString();
        this.locale = locale;
    }

    /**
     * Reads and checks the case file and its attachments; a {@link CliException} says what is wrong.
     *
     * @param clock  today, and the time the visit record is checked against
     * @param locale the language of the domain's sentences in error messages
     */
    static Parsed read(Path json, Clock clock, Locale locale) {
        CaseFile file = new CaseFile(json, locale);
        Content content = file.content();
        CaseRules.Outcome checked = new CaseRules(file.name, clock, locale).apply(content);
        List<NewItem> items = new ArrayList<>();
        items.add(file.item("$.form", ItemKind.FORM, FORM_SLOT, JSON_MEDIA_TYPE, FormJson.write(content.form())));
        items.add(file.item("$", ItemKind.FORM, CHECKLIST_SLOT, JSON_MEDIA_TYPE, ChecklistJson.write(checked.checklist())));
        if (content.visit() != null) {
            items.add(file.item("$.visit", ItemKind.FORM, VISIT_SLOT, JSON_MEDIA_TYPE, VisitJson.write(content.visit())));
        }
        for (Attachment a : content.attachments()) {
            items.add(file.load(a));
        }
        return new Parsed(checked.label(), content.form().urgent() != null, checked.visitDate(), checked.catalogue(),
                content.form(), checked.checklist(), content.visit(), content.attachments(), List.copyOf(items));
    }

    private Content content() {
        String problem = fileProblem(json);
        if (problem != null) {
            throw CliException.badInput("case file " + name + " " + problem);
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(json));
        } catch (JacksonException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw CliException.badInput("case file " + name + " cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw CliException.badInput(name + ": malformed JSON: the file holds no JSON value");
        }
        requireObject(root, "$", CASE_FIELDS);
        String format = string(root, "$", "format", true);
        if (!FORMAT.equals(format)) {
            throw invalid("$.format", "is '" + format + "'; this version reads '" + FORMAT + "'");
        }
        String label = string(root, "$", "label", false);
        if (label != null) {
            label = label.strip();
            if (label.isEmpty() || label.length() > CaseStore.MAX_LABEL) {
                throw invalid("$.label", "must have 1-" + CaseStore.MAX_LABEL + " characters");
            }
        }
        LocalDate visitDate = date(root, "$", "visitDate");
        if (!root.has("form")) {
            throw invalid("$", "the required field \"form\" is missing");
        }
        CaseForm form = domainObject(root, "form", FormJson::read);
        List<Attachment> attachments = attachments(root);
        List<Pending> pending = pending(root);
        VisitRecord visit = root.has("visit") ? domainObject(root, "visit", VisitJson::read) : null;
        return new Content(label, visitDate, form, attachments, pending, visit);
    }

    /** A member that is a file of the domain's ({@code doorstep-form/1}, {@code doorstep-visit/1}), read strictly. */
    private <T> T domainObject(JsonNode root, String field, Function<byte[], T> reader) {
        JsonNode node = root.get(field);
        if (!node.isObject()) {
            throw invalid("$." + field, "must be an object, not " + describe(node));
        }
        try {
            return reader.apply(JSON.writeValueAsBytes(node));
        } catch (JacksonException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        } catch (InvalidInputException e) {
            throw CliException.badInput(name + ": " + DomainText.at("$." + field, e.problems().get(0), locale)
                    + DomainText.more(e.problems().size() - 1));
        }
    }

    /** Checks every attachment entry before any file is read, so a typo is reported before slow work. */
    private List<Attachment> attachments(JsonNode root) {
        if (!root.has("attachments")) {
            return List.of();
        }
        JsonNode list = root.get("attachments");
        if (!list.isArray()) {
            throw invalid("$.attachments", "must be an array, not " + describe(list));
        }
        List<Attachment> attachments = new ArrayList<>();
        Map<String, String> slots = new HashMap<>();
        slots.put(FORM_SLOT, "$.form");
        slots.put(CHECKLIST_SLOT, "the case's checklist");
        slots.put(VISIT_SLOT, "the visit record ($.visit)");
        for (int i = 0; i < list.size(); i++) {
            String path = "$.attachments[" + i + "]";
            JsonNode entry = list.get(i);
            requireObject(entry, path, ATTACHMENT_FIELDS);
            String kindId = string(entry, path, "kind", true);
            ItemKind kind = kindOf(kindId);
            if (kind == null) {
                throw invalid(path + ".kind", "is '" + kindId + "'; expected photo, fingerprint, signature or scan");
            }
            String slot = string(entry, path, "slot", true);
            String earlier = slots.putIfAbsent(slot, path);
            if (earlier != null) {
                throw invalid(path + ".slot", "'" + slot + "' is already used by " + earlier);
            }
            String file = string(entry, path, "file", true);
            if (file.isBlank()) {
                throw invalid(path + ".file", "is empty");
            }
            String material = string(entry, path, "material", false);
            if (material != null && kind != ItemKind.SCAN) {
                throw invalid(path + ".material", "only a scan is attached to a checklist material, not a " + kind.id());
            }
            if (material != null && material.isBlank()) {
                throw invalid(path + ".material", "is empty");
            }
            // NewItem owns the rules for slots; a placeholder item checks this one before any file is read
            item(path + ".slot", kind, slot, "application/octet-stream", new byte[1]);
            attachments.add(new Attachment(path, kind, slot, file, material));
        }
        return List.copyOf(attachments);
    }

    /** The secondary items the applicant will hand in later, each with an optional deadline. */
    private List<Pending> pending(JsonNode root) {
        if (!root.has("pending")) {
            return List.of();
        }
        JsonNode list = root.get("pending");
        if (!list.isArray()) {
            throw invalid("$.pending", "must be an array, not " + describe(list));
        }
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "$.pending[" + i + "]";
            JsonNode entry = list.get(i);
            requireObject(entry, path, PENDING_FIELDS);
            String material = string(entry, path, "material", true);
            if (material.isBlank()) {
                throw invalid(path + ".material", "is empty");
            }
            pending.add(new Pending(path, material, date(entry, path, "deadline")));
        }
        return List.copyOf(pending);
    }

    /** An optional date field, {@code 2026-11-20}. */
    private LocalDate date(JsonNode node, String path, String field) {
        String text = string(node, path, field, false);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw invalid(path + "." + field, "'" + text + "' is not a date; write it like 2026-11-20");
        }
    }

    private NewItem load(Attachment a) {
        Path file;
        try {
            file = json.toAbsolutePath().getParent().resolve(a.file()).normalize();
        } catch (InvalidPathException e) {
            throw invalid(a.path() + ".file", "'" + a.file() + "' is not a valid path: " + e.getReason());
        }
        String prefix = name + ": " + a.path() + ".file '" + a.file() + "' ";
        String problem = fileProblem(file);
        if (problem != null) {
            throw CliException.badInput(prefix + problem);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliException.badInput(prefix + "cannot be read: " + e.getMessage());
        }
        MediaFormat format;
        try {
            format = MediaCheck.check(a.kind(), content);
        } catch (MediaCheck.Refused e) {
            throw CliException.badInput(prefix + e.getMessage());
        }
        return item(a.path(), a.kind(), a.slot(), format.mediaType(), content);
    }

    /** Why {@code file} cannot be imported (words that follow its name), or {@code null}. */
    private static String fileProblem(Path file) {
        if (!Files.exists(file)) {
            return "does not exist (looked for " + file.toAbsolutePath() + ")";
        }
        if (!Files.isRegularFile(file)) {
            return "is not a file";
        }
        if (!Files.isReadable(file)) {
            return "cannot be read (no permission)";
        }
        long size;
        try {
            size = Files.size(file);
        } catch (AccessDeniedException e) {
            return "cannot be read (no permission)";
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
        if (size == 0) {
            return "is empty";
        }
        if (size > NewItem.MAX_BYTES) {
            return "has " + size + " bytes, more than the " + NewItem.MAX_BYTES / (1024 * 1024) + " MiB a case item may have";
        }
        return null;
    }

    private NewItem item(String path, ItemKind kind, String slot, String mediaType, byte[] content) {
        try {
            return new NewItem(kind, slot, mediaType, content);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
    }

    private void requireObject(JsonNode node, String path, List<String> allowed) {
        if (!node.isObject()) {
            throw invalid(path, "must be an object, not " + describe(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!allowed.contains(field)) {
                String moved = path.equals("$") ? MOVED.get(field) : null;
                throw invalid(path, "unknown field \"" + field + "\" (allowed: " + String.join(", ", allowed)
                        + (moved == null ? "" : "; " + moved) + ")");
            }
        }
    }

    private String string(JsonNode node, String path, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                throw invalid(path, "the required field \"" + field + "\" is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(path + "." + field, "must be a string, not " + describe(value));
        }
        return value.textValue();
    }

    private static ItemKind kindOf(String id) {
        for (ItemKind kind : ItemKind.values()) {
            if (kind != ItemKind.FORM && kind.id().equals(id)) {
                return kind;
            }
        }
        return null;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private CliException invalid(String path, String problem) {
        return CliException.badInput(name + ": " + path + ": " + problem);
    }

    /** Jackson's syntax errors as "file:line:column: malformed JSON: what". */
    private CliException malformed(JacksonException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (what.startsWith("Trailing token")) {
            what = "more content after the case object";
        }
        return CliException.badInput(where + ": malformed JSON: " + what.replaceAll("\\s+", " ").strip());
    }
}
