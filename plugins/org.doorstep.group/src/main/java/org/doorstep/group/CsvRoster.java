package org.doorstep.group;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a CSV roster: UTF-8 with or without the byte-order mark Excel's "CSV UTF-8" writes, or GBK as Excel in China
 * writes plain "CSV" (decoded as GB18030, its superset). The encoding is decided by decoding strictly: a file that
 * is valid UTF-8 is UTF-8 (GBK text with Chinese characters practically never is), otherwise it must be valid
 * GB18030. Quotes follow RFC 4180 (a quoted cell may hold commas, quotes doubled, line breaks); the separator is the
 * comma, or the tab or semicolon when the first line has more of those.
 */
final class CsvRoster {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private CsvRoster() {
    }

    static RosterTable read(byte[] bytes, RosterLimits limits) throws RosterFileException {
        RosterFormat format;
        String text;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            format = RosterFormat.CSV_UTF8_BOM;
            text = decode(bytes, 3, StandardCharsets.UTF_8);
            if (text == null) {
                throw new RosterFileException(GroupProblem.Code.FILE_ENCODING);
            }
        } else if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
                || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            throw new RosterFileException(GroupProblem.Code.FILE_UTF16);
        } else if ((text = decode(bytes, 0, StandardCharsets.UTF_8)) != null) {
            format = RosterFormat.CSV_UTF8;
        } else if ((text = decode(bytes, 0, GB18030)) != null) {
            format = RosterFormat.CSV_GB18030;
        } else {
            throw new RosterFileException(GroupProblem.Code.FILE_ENCODING);
        }
        if (text.indexOf('\0') >= 0) {
            throw new RosterFileException(GroupProblem.Code.FILE_NOT_A_ROSTER);
        }
        return new RosterTable(format, parse(text, separator(text), limits));
    }

    private static String decode(byte[] bytes, int offset, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static char separator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long commas = first.chars().filter(c -> c == ',').count();
        long tabs = first.chars().filter(c -> c == '\t').count();
        long semicolons = first.chars().filter(c -> c == ';').count();
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    private static List<RosterTable.Row> parse(String text, char sep, RosterLimits limits) throws RosterFileException {
        List<RosterTable.Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int rowStart = 1; // the record's number as a spreadsheet opening the file shows it (blank lines count)
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == sep) {
                endCell(cells, cell, limits);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endCell(cells, cell, limits);
                addRow(rows, rowStart, cells, limits);
                cells = new ArrayList<>();
                rowStart++;
            } else {
                cell.append(c);
            }
            if (cell.length() > limits.maxCellChars() * 4) {
                throw new RosterFileException(GroupProblem.Code.FILE_NOT_A_ROSTER);
            }
            i++;
        }
        if (quoted) {
            throw new RosterFileException(GroupProblem.of(rowStart, "file", GroupProblem.Code.FILE_UNCLOSED_QUOTE));
        }
        if (!cell.isEmpty() || !cells.isEmpty()) {
            endCell(cells, cell, limits);
            addRow(rows, rowStart, cells, limits);
        }
        return rows;
    }

    private static void endCell(List<String> cells, StringBuilder cell, RosterLimits limits) throws RosterFileException {
        if (cells.size() >= limits.maxColumns()) {
            throw new RosterFileException(GroupProblem.Code.FILE_NOT_A_ROSTER);
        }
        cells.add(cell.toString());
        cell.setLength(0);
    }

    private static void addRow(List<RosterTable.Row> rows, int number, List<String> cells, RosterLimits limits)
            throws RosterFileException {
        RosterTable.Row row = new RosterTable.Row(number, cells, Set.of());
        if (row.isBlank()) {
            return;
        }
        if (rows.size() >= limits.maxRows()) {
            throw new RosterFileException(GroupProblem.Code.FILE_TOO_MANY_ROWS, String.valueOf(limits.maxRows()));
        }
        rows.add(row);
    }
}
