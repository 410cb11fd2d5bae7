package org.doorstep.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-time notice as blocks a printer can lay out: the title, section headings, paragraphs, list items and
 * table rows, in reading order. Read from the notice's own HTML ({@code OneTimeNotice.html}), which stays the one
 * place the notice's content is decided; this reads only the few elements that page is made of and keeps their
 * text. Rows carry the number of their table, so a printer can size each table's columns; a row in a table's
 * {@code thead} is a header row.
 */
public final class PrintableNotice {

    /** What a block is. */
    public enum Kind {
        TITLE, HEADING, PARAGRAPH, ITEM, HEADER_ROW, ROW
    }

    /**
     * One block.
     *
     * @param cells the text (one cell; a row has one per column; a line break in the HTML is a {@code \n})
     * @param table for rows, the table's number in the notice (from 0); -1 for other blocks
     * @param small printed smaller (the page's {@code small} class or element)
     */
    public record Block(Kind kind, List<String> cells, int table, boolean small) {
        public Block {
            Objects.requireNonNull(kind, "kind");
            cells = List.copyOf(cells);
        }

        public String text() {
            return String.join("　", cells);
        }
    }

    private static final Pattern TOKEN = Pattern.compile("<(/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)");

    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final List<String> cells = new ArrayList<>();
    private Kind open;
    private boolean openSmall;
    private boolean inHead;
    private boolean inTableHead;
    private boolean inCell;
    private int span = 1;
    private int table = -1;
    private int orderedItem;
    private boolean ordered;

    private PrintableNotice() {
    }

    /** The blocks of a notice page as {@code OneTimeNotice.html} writes it. */
    public static List<Block> of(String html) {
        PrintableNotice p = new PrintableNotice();
        // the doctype and comments carry no text
        String page = Objects.requireNonNull(html, "html").replaceAll("(?s)<!--.*?-->", "").replaceAll("<![^>]*>", "");
        Matcher m = TOKEN.matcher(page);
        while (m.find()) {
            if (m.group(4) != null) {
                p.text(m.group(4));
            } else {
                p.tag(m.group(1).equals("/"), m.group(2).toLowerCase(java.util.Locale.ROOT), m.group(3));
            }
        }
        p.close();
        return List.copyOf(p.blocks);
    }

    private void tag(boolean end, String name, String attributes) {
        boolean small = attributes.contains("small");
        switch (name) {
            case "head" -> inHead = !end;
            case "h1" -> block(end, Kind.TITLE, false);
            case "h2" -> block(end, Kind.HEADING, false);
            case "p" -> block(end, Kind.PARAGRAPH, small);
            case "ol", "ul" -> {
                ordered = name.equals("ol") && !end;
                orderedItem = 0;
            }
            case "li" -> {
                if (!end) {
                    close();
                    open = Kind.ITEM;
                    text.append(ordered ? ++orderedItem + ". " : "• ");
                } else {
                    close();
                }
            }
            case "table" -> {
                close();
                if (!end) {
                    table++;
                }
            }
            case "thead" -> inTableHead = !end;
            case "tr" -> {
                if (!end) {
                    close();
                    cells.clear();
                } else {
                    if (cells.stream().anyMatch(c -> !c.isBlank())) {
                        blocks.add(new Block(inTableHead ? Kind.HEADER_ROW : Kind.ROW, cells, table, false));
                    }
                    cells.clear();
                }
            }
            case "td", "th" -> {
                if (!end) {
                    inCell = true;
                    text.setLength(0);
                    span = 1;
                    Matcher colspan = Pattern.compile("colspan=\"(\\d+)\"").matcher(attributes);
                    if (colspan.find()) {
                        span = Math.max(1, Math.min(20, Integer.parseInt(colspan.group(1))));
                    }
                } else {
                    cells.add(text.toString().strip());
                    for (int i = 1; i < span; i++) {
                        cells.add(""); // a spanning cell's text stays in its first column
                    }
                    text.setLength(0);
                    inCell = false;
                }
            }
            case "br" -> text.append('\n');
            default -> {
                // span, strong, small, section, header, footer …: their text belongs to the block around them
            }
        }
    }

    private void block(boolean end, Kind kind, boolean small) {
        close();
        if (!end) {
            open = kind;
            openSmall = small;
        }
    }

    private void text(String raw) {
        if (inHead) {
            return;
        }
        // inside a cell a line break is the page's own (pre-line: one reason per line); elsewhere it is layout
        String t = unescape(inCell ? raw.replaceAll("[ \\t\\r]+", " ") : raw.replaceAll("[ \\t\\r\\n]+", " "));
        if (open == null && !inCell && t.isBlank()) {
            return;
        }
        if (open == null && !inCell) {
            open = Kind.PARAGRAPH;
        }
        text.append(t);
    }

    private void close() {
        if (open != null) {
            String t = text.toString().strip();
            if (!t.isEmpty()) {
                blocks.add(new Block(open, List.of(t), -1, openSmall));
            }
        }
        if (!inCell) {
            text.setLength(0);
        }
        open = null;
        openSmall = false;
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> new String(Character.toChars(e.startsWith("#x") || e.startsWith("#X")
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }
}
