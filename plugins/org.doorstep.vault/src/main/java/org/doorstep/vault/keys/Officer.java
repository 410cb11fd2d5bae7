package org.doorstep.vault.keys;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An officer enrolled on this laptop.
 *
 * @param id   police number or login, 1–32 of {@code A–Z a–z 0–9 _ -}
 * @param name display name, 1–64 characters
 */
public record Officer(String id, String name) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** Whether {@code id} has the form of an officer id (not whether such an officer is enrolled). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public Officer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("officer id must be 1-32 letters, digits, '_' or '-': '" + id + "'");
        }
        name = name.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 64) {
            throw new IllegalArgumentException("officer name must have 1-64 characters");
        }
    }
}
