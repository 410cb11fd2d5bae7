package org.doorstep.group;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.doorstep.domain.catalogue.ApplicationType;
import org.doorstep.domain.catalogue.Catalogue;

/**
 * What a roster may write in the documents column: the catalogue's type ids ({@code passport}), its Chinese and
 * English names, and the short names people use (护照, 港澳通行证, 港澳, 台湾通行证, 身份证 …). Only types the
 * catalogue has are recognised.
 */
final class DocumentNames {

    private static final Map<String, String> SHORT = Map.ofEntries(Map.entry("护照", "passport"),
            Map.entry("因私护照", "passport"), Map.entry("港澳通行证", "hk-macau-permit"), Map.entry("港澳", "hk-macau-permit"),
            Map.entry("港澳证", "hk-macau-permit"), Map.entry("往来港澳通行证", "hk-macau-permit"),
            Map.entry("台湾通行证", "taiwan-permit"), Map.entry("台湾", "taiwan-permit"), Map.entry("台湾证", "taiwan-permit"),
            Map.entry("赴台", "taiwan-permit"), Map.entry("身份证", "resident-id-card"),
            Map.entry("临时身份证", "temporary-id-card"), Map.entry("hkmacaupermit", "hk-macau-permit"),
            Map.entry("taiwanpermit", "taiwan-permit"), Map.entry("idcard", "resident-id-card"));

    private final Map<String, String> names = new HashMap<>();

    DocumentNames(Catalogue catalogue) {
        for (ApplicationType type : catalogue.types()) {
            names.put(key(type.id()), type.id());
            names.put(key(type.name().zh()), type.id());
            names.put(key(type.name().en()), type.id());
        }
        SHORT.forEach((word, id) -> {
            if (catalogue.type(id).isPresent()) {
                names.putIfAbsent(key(word), id);
            }
        });
    }

    Optional<String> typeId(String word) {
        return Optional.ofNullable(names.get(key(word)));
    }

    /** The names of the documents, e.g. "普通护照、往来港澳通行证". */
    static String names(Catalogue catalogue, java.util.List<String> typeIds, Locale locale) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String id : typeIds) {
            names.add(catalogue.type(id).map(t -> t.name().in(locale)).orElse(id));
        }
        return String.join(Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? ", " : "、", names);
    }

    private static String key(String word) {
        return word == null ? "" : word.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_]", "");
    }
}
