package org.doorstep.domain;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The domain's sentences, from {@code org/doorstep/domain/messages.properties} (Simplified Chinese, the
 * product's default) and {@code messages_en.properties}, both UTF-8.
 *
 * <p>Every problem message starts with the field it is about: {@code {0}} is the field's label, looked up as
 * {@code field.<path without $ and indices>} (for {@code $.applications[1].prior.number}:
 * {@code field.applications.prior.number}, whose own {@code {0}}, {@code {1}} … are the path's indices counted
 * from 1). A path without a label (inside a catalogue file, an unknown field) is shown as it is.
 *
 * <p>The bundle is looked up without falling back to the JVM's default locale, so a Chinese officer on an
 * English Windows still reads Chinese.
 */
public final class Messages {

    static final String BUNDLE = "org.doorstep.domain.messages";

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.locale = LocalizedText.isEnglish(locale) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        this.bundle = ResourceBundle.getBundle(BUNDLE, this.locale, Messages.class.getClassLoader(), NO_FALLBACK);
    }

    /** English for an English locale, Simplified Chinese for any other. */
    public static Messages of(Locale locale) {
        return new Messages(locale);
    }

    public Locale locale() {
        return locale;
    }

    /** The problem as one sentence naming its field. */
    public String format(Problem problem) {
        List<Object> args = new ArrayList<>();
        args.add(label(problem.path()));
        for (Object a : problem.args()) {
            args.add(render(a));
        }
        return new MessageFormat(bundle.getString(problem.code().key()), locale).format(args.toArray());
    }

    /** The field's label, e.g. "申请人公民身份号码" for {@code $.applicant.idNumber}; the path when it has none. */
    public String label(String path) {
        String key = labelKey(path);
        if (!bundle.containsKey(key)) {
            return path;
        }
        List<Object> indices = new ArrayList<>();
        Matcher m = INDEX.matcher(path);
        while (m.find()) {
            indices.add(String.valueOf(Integer.parseInt(m.group(1)) + 1));
        }
        return new MessageFormat(bundle.getString(key), locale).format(indices.toArray());
    }

    /**
     * {@code field.applications.prior.number} for {@code $.applications[1].prior.number}. The root ({@code $},
     * a whole file or a value checked on its own) has no label: it is shown as {@code $}.
     */
    static String labelKey(String path) {
        String bare = INDEX.matcher(path).replaceAll("");
        return "field." + (bare.startsWith("$.") ? bare.substring(2) : bare.substring(1));
    }

    /** A plain text from the bundle, e.g. a heading; {@code args} fill its {@code {0}}, {@code {1}} … */
    public String text(String key, Object... args) {
        try {
            String pattern = bundle.getString(key);
            if (args.length == 0) {
                return new MessageFormat(pattern, locale).format(new Object[0]);
            }
            Object[] rendered = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                rendered[i] = render(args[i]);
            }
            return new MessageFormat(pattern, locale).format(rendered);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no message " + key, e);
        }
    }

    /** A date as officers write it: 2025-03-01 in both languages (unambiguous, sorts, fits a form field). */
    public String date(LocalDate date) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }

    /** A vocabulary value's label, {@code vocab.<enum's simple name>.<id>}, e.g. 残疾 for {@code DISABLED}. */
    public String label(Vocabulary value) {
        return text(vocabularyKey(value));
    }

    static String vocabularyKey(Vocabulary value) {
        Class<?> type = value.getClass().isEnum() ? value.getClass() : value.getClass().getSuperclass();
        return "vocab." + type.getSimpleName() + "." + value.id();
    }

    private String render(Object arg) {
        if (arg instanceof LocalizedText t) {
            return t.in(locale);
        }
        if (arg instanceof Vocabulary v) {
            return label(v);
        }
        if (arg instanceof LocalDate d) {
            return date(d);
        }
        // numbers as written (no grouping, no locale digits): they are ages, lengths, amounts and codes
        return String.valueOf(arg);
    }
}
