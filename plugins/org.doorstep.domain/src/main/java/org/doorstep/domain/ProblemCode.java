package org.doorstep.domain;

/**
 * Every kind of problem the domain reports. Each has a message in {@code messages.properties} (Chinese) and
 * {@code messages_en.properties} under {@link #key()}, whose {@code {0}} is the field's label and
 * {@code {1}} … {@code {n}} the problem's {@link #arguments()} arguments.
 */
public enum ProblemCode {
    // files
    JSON_TOO_LARGE("json.tooLarge", 1),
    JSON_NOT_UTF8("json.notUtf8", 0),
    JSON_EMPTY("json.empty", 0),
    JSON_MALFORMED("json.malformed", 3),
    JSON_DUPLICATE_KEY("json.duplicateKey", 3),
    JSON_TRAILING("json.trailing", 2),
    JSON_UNKNOWN_FIELD("json.unknownField", 1),
    JSON_REQUIRED("json.required", 0),
    JSON_BLANK("json.blank", 0),
    JSON_NOT_OBJECT("json.notObject", 0),
    JSON_NOT_ARRAY("json.notArray", 0),
    JSON_NOT_TEXT("json.notText", 0),
    JSON_NOT_INTEGER("json.notInteger", 0),
    JSON_NOT_NUMBER("json.notNumber", 0),
    JSON_NOT_BOOLEAN("json.notBoolean", 0),
    JSON_NOT_DATE("json.notDate", 1),
    JSON_NOT_TIME("json.notTime", 1),
    JSON_NOT_ONE_OF("json.notOneOf", 2),
    JSON_OUT_OF_RANGE("json.outOfRange", 3),
    JSON_FORMAT("json.format", 2),

    // catalogue
    CAT_FORMAT("catalogue.format", 2),
    CAT_EMPTY("catalogue.empty", 0),
    CAT_BAD_ID("catalogue.badId", 1),
    CAT_DUPLICATE_ID("catalogue.duplicateId", 1),
    CAT_UNKNOWN_FAMILY("catalogue.unknownFamily", 1),
    CAT_UNKNOWN_MATERIAL("catalogue.unknownMaterial", 1),
    CAT_UNKNOWN_TYPE("catalogue.unknownType", 1),
    CAT_UNKNOWN_CONDITION("catalogue.unknownCondition", 1),
    CAT_CONDITION_NOT_HERE("catalogue.conditionNotHere", 1),
    CAT_ENDORSEMENT_ONLY("catalogue.endorsementOnly", 1),
    CAT_PATTERN("catalogue.pattern", 1),
    CAT_MONEY("catalogue.money", 1),
    CAT_PENDING_DAYS("catalogue.pendingDays", 2),
    CAT_RANGE("catalogue.range", 2),
    CAT_PHOTO_DPI("catalogue.photoDpi", 3),
    CAT_FINGER_ORDER("catalogue.fingerOrder", 2),
    CAT_AGE_BANDS("catalogue.ageBands", 1),
    CAT_EVIDENCE_MISSING("catalogue.evidenceMissing", 1),
    CAT_NOT_NEWER("catalogue.notNewer", 2),
    CAT_EFFECTIVE_EARLIER("catalogue.effectiveEarlier", 2),

    // identity numbers
    ID_REQUIRED("identity.required", 0),
    ID_LENGTH("identity.length", 1),
    ID_CHARACTERS("identity.characters", 0),
    ID_CHECK("identity.check", 0),
    ID_BIRTH_DATE("identity.birthDate", 1),
    ID_BIRTH_TOO_EARLY("identity.birthTooEarly", 1),
    ID_BIRTH_IN_FUTURE("identity.birthInFuture", 1),
    ID_REGION("identity.region", 1),
    ID_REGION_SHAPE("identity.regionShape", 1),

    // the case form
    FORM_REQUIRED("form.required", 0),
    FORM_TOO_LONG("form.tooLong", 1),
    FORM_NAME("form.name", 0),
    FORM_PHONE("form.phone", 1),
    FORM_ITEM_REF("form.itemRef", 1),
    FORM_CONTROL_CHARACTERS("form.controlCharacters", 0),
    FORM_POSTCODE("form.postcode", 1),
    FORM_NOT_MAINLAND_RESIDENT("form.notMainlandResident", 0),
    FORM_GUARDIAN_REQUIRED("form.guardianRequired", 1),
    FORM_RELATION_FOR_MINOR("form.relationForMinor", 0),
    FORM_RELATION_GENDER("form.relationGender", 0),
    FORM_SAME_PERSON("form.samePerson", 0),
    FORM_MUST_BE_ADULT("form.mustBeAdult", 1),
    FORM_NOT_AGED_60("form.notAged60", 1),
    FORM_EVIDENCE_REQUIRED("form.evidenceRequired", 0),
    FORM_NO_APPLICATION("form.noApplication", 0),
    FORM_UNKNOWN_TYPE("form.unknownType", 1),
    FORM_DUPLICATE_TYPE("form.duplicateType", 1),
    FORM_ISSUE_NOT_OFFERED("form.issueNotOffered", 2),
    FORM_ENDORSEMENT_REQUIRED("form.endorsementRequired", 0),
    FORM_ENDORSEMENT_NOT_OF_TYPE("form.endorsementNotOfType", 2),
    FORM_ENDORSEMENT_TWICE("form.endorsementTwice", 1),
    FORM_VALIDITY_NOT_OFFERED("form.validityNotOffered", 2),
    FORM_PRIOR_UNEXPECTED("form.priorUnexpected", 1),
    FORM_PRIOR_NUMBER_REQUIRED("form.priorNumberRequired", 1),
    FORM_DOCUMENT_NUMBER("form.documentNumber", 2),
    FORM_DATE_PAST("form.datePast", 1),
    FORM_ADDRESS_UNEXPECTED("form.addressUnexpected", 0),
    FORM_NO_PHONE("form.noPhone", 0),

    // the checklist
    CHECK_UNKNOWN_ITEM("checklist.unknownItem", 1),
    CHECK_CORE_NOT_PENDING("checklist.coreNotPending", 1),
    CHECK_DEADLINE("checklist.deadline", 3),

    // the visit record
    VISIT_OFFICER_ID("visit.officerId", 1),
    VISIT_IN_FUTURE("visit.inFuture", 1),
    VISIT_END_BEFORE_START("visit.endBeforeStart", 2),
    VISIT_TOO_LONG("visit.tooLong", 1),
    VISIT_RANGE("visit.range", 3),
    VISIT_FIX_OUTSIDE("visit.fixOutside", 1),
    VISIT_DIFFERS_FROM_FORM("visit.differsFromForm", 0),
    VISIT_PRESENCE_REQUIRED("visit.presenceRequired", 0);

    private final String key;
    private final int arguments;

    ProblemCode(String key, int arguments) {
        this.key = key;
        this.arguments = arguments;
    }

    /** The message key. */
    public String key() {
        return key;
    }

    /** How many arguments the message takes after the field's label. */
    public int arguments() {
        return arguments;
    }
}
