package org.doorstep.group;

import java.util.List;
import java.util.regex.Pattern;

/** Checks shared by the company form, the company-wide fields and roster rows. */
final class Fields {

    /** Mainland mobile (11 digits from 1), landline with area code, or an international number with +. */
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?|\\+\\d{6,15}");

    private Fields() {
    }

    /** Trimmed, full-width spaces too; {@code null} for nothing. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace('\u3000', ' ').strip();
        return s.isEmpty() ? null : s;
    }

    static String phoneDigits(String phone) {
        return phone == null ? null : phone.replaceAll("[\\s()（）]", "").replace('－', '-');
    }

    static void text(List<GroupProblem> problems, int row, String column, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                problems.add(GroupProblem.of(row, column, GroupProblem.Code.REQUIRED));
            }
            return;
        }
        if (value.codePointCount(0, value.length()) > max) {
            problems.add(GroupProblem.of(row, column, GroupProblem.Code.TOO_LONG, String.valueOf(max)));
        } else if (value.codePoints().anyMatch(Character::isISOControl)) {
            problems.add(GroupProblem.of(row, column, GroupProblem.Code.CONTROL_CHARACTERS));
        }
    }

    static void phone(List<GroupProblem> problems, int row, String column, String value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(GroupProblem.of(row, column, GroupProblem.Code.REQUIRED));
            }
            return;
        }
        if (!PHONE.matcher(phoneDigits(value)).matches()) {
            problems.add(GroupProblem.of(row, column, GroupProblem.Code.PHONE, value.length() > 30 ? value.substring(0, 30) : value));
        }
    }
}
