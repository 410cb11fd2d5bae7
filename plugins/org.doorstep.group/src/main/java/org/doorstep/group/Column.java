package org.doorstep.group;

import java.util.List;
import java.util.Locale;

/** The roster's columns and the header words (Chinese and English) that name them. */
public enum Column {
    NAME("name", true, "姓名", "名字", "员工姓名", "申请人", "申请人姓名", "name", "fullname", "employeename"),
    ID_NUMBER("idNumber", true, "身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "idnumber", "id", "idno",
            "idcard", "idcardnumber", "identitynumber", "citizenidnumber"),
    PHONE("phone", true, "手机", "手机号", "手机号码", "电话", "联系电话", "联系方式", "phone", "mobile", "telephone", "phonenumber",
            "mobilephone"),
    DOCUMENTS("documents", true, "办理证件", "申请证件", "所需证件", "证件类型", "证件", "办证类型", "申办证件", "documents", "document",
            "documentswanted", "applications", "applyfor"),
    ADDRESS("address", false, "邮寄地址", "地址", "通讯地址", "收件地址", "家庭住址", "住址", "address", "postaladdress",
            "mailingaddress");

    private final String key;
    private final boolean required;
    private final List<String> headers;

    Column(String key, boolean required, String... headers) {
        this.key = key;
        this.required = required;
        this.headers = List.of(headers);
    }

    /** The key used in problems and messages ({@code column.<key>}). */
    public String key() {
        return key;
    }

    public boolean required() {
        return required;
    }

    /** Whether a header cell names this column: spaces, punctuation, "*" and brackets ignored, any case. */
    boolean matches(String header) {
        return headers.contains(normalise(header));
    }

    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        String h = header.toLowerCase(Locale.ROOT).replaceAll("[（(][^）)]*[）)]", "");
        return h.replaceAll("[\\s\\p{Punct}：，、*＊]", "");
    }

    public String label(Locale locale) {
        return GroupMessages.of(locale).text("column." + key);
    }
}
