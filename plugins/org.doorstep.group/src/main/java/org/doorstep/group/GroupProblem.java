package org.doorstep.group;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing wrong, in plain words: where ({@code row}, counted from 1 as the spreadsheet shows it, 0 for the
 * company form or the file as a whole; {@code column}, a {@link Column} or a company field) and what ({@code code},
 * with {@code args} for the sentence). {@link #message(Locale)} says it in Chinese or English.
 */
public record GroupProblem(int row, String column, Code code, List<String> args) {

    /** What can be wrong; each has a sentence in {@code messages.properties} (zh) and {@code messages_en}. */
    public enum Code {
        REQUIRED("problem.required", 0),
        TOO_LONG("problem.tooLong", 1),
        CONTROL_CHARACTERS("problem.controlCharacters", 0),
        PHONE("problem.phone", 1),
        POSTCODE("problem.postcode", 1),
        CREDIT_CODE_LENGTH("problem.creditCode.length", 1),
        CREDIT_CODE_CHARACTERS("problem.creditCode.characters", 0),
        CREDIT_CODE_CHECK("problem.creditCode.check", 0),
        ID_NUMBER("problem.idNumber", 1),
        ID_AS_NUMBER("problem.idAsNumber", 0),
        DUPLICATE_IN_FILE("problem.duplicateInFile", 1),
        ALREADY_IN_SESSION("problem.alreadyInSession", 0),
        UNKNOWN_DOCUMENT("problem.unknownDocument", 1),
        FILE_EMPTY("problem.file.empty", 0),
        FILE_TOO_LARGE("problem.file.tooLarge", 1),
        FILE_ENCODING("problem.file.encoding", 0),
        FILE_UTF16("problem.file.utf16", 0),
        FILE_OLD_EXCEL("problem.file.oldExcel", 0),
        FILE_NOT_A_ROSTER("problem.file.notRoster", 0),
        FILE_DAMAGED("problem.file.damaged", 0),
        FILE_ZIP_BOMB("problem.file.zipBomb", 1),
        FILE_TOO_MANY_ROWS("problem.file.tooManyRows", 1),
        FILE_UNCLOSED_QUOTE("problem.file.unclosedQuote", 0),
        NO_HEADER("problem.noHeader", 0),
        MISSING_COLUMN("problem.missingColumn", 0),
        NO_ROWS("problem.noRows", 0),
        TRANSITION("problem.transition", 1),
        CASE_NOT_COMPLETE("problem.caseNotComplete", 0),
        SESSION_ENDED("problem.sessionEnded", 0),
        NO_ONE_WAITING("problem.noOneWaiting", 0);

        private final String key;
        private final int arguments;

        Code(String key, int arguments) {
            this.key = key;
            this.arguments = arguments;
        }

        public String key() {
            return key;
        }

        public int arguments() {
            return arguments;
        }
    }

    public GroupProblem {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(code, "code");
        args = List.copyOf(args);
        if (args.size() != code.arguments()) {
            throw new IllegalArgumentException(code + " takes " + code.arguments() + " arguments, not " + args.size());
        }
        if (row < 0) {
            throw new IllegalArgumentException("row " + row);
        }
    }

    public static GroupProblem of(int row, String column, Code code, String... args) {
        return new GroupProblem(row, column, code, Arrays.asList(args));
    }

    /** The column's (or company field's) name in {@code locale}. */
    public String columnLabel(Locale locale) {
        return GroupMessages.of(locale).text("column." + column);
    }

    /** The reason alone, e.g. "the check character does not match". */
    public String reason(Locale locale) {
        if (code == Code.ID_NUMBER) {
            // args[0] is the domain's problem key for the number (identity.check, identity.length …)
            return GroupMessages.of(locale).text("problem." + args.get(0));
        }
        if (code == Code.TRANSITION) {
            return GroupMessages.of(locale).text(code.key(), BoardState.valueOf(args.get(0)).label(locale));
        }
        return GroupMessages.of(locale).text(code.key(), args.toArray());
    }

    /** One sentence: row (when there is one), column and reason. */
    public String message(Locale locale) {
        GroupMessages m = GroupMessages.of(locale);
        String where = row > 0 ? m.text("problem.atRowColumn", String.valueOf(row), columnLabel(locale))
                : m.text("problem.atField", columnLabel(locale));
        return where + reason(locale);
    }

    /** Row, column and code only: safe for logs and the audit trail (args may hold applicant data). */
    @Override
    public String toString() {
        return "row " + row + " " + column + ": " + code.key();
    }
}
