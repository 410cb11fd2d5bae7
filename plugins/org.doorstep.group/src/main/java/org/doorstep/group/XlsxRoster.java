package org.doorstep.group;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads an XLSX roster with fastexcel-reader (streaming, no Apache POI), after checking the package itself: its
 * parts are unpacked once, through the same ZIP reader fastexcel uses (commons-compress, central directory), counting
 * every byte actually produced, so a declared size cannot lie; too many parts, a part or a total above the limits,
 * or a part that unpacks far beyond its packed size (a zip bomb) refuse the file before any XML is parsed. Only the
 * first sheet is read; a formula cell gives its cached value (what Excel showed when it saved), never a formula.
 */
final class XlsxRoster {

    /** Parts unpacking to more than this are checked for their compression ratio. */
    private static final long RATIO_CHECK_FROM = 1024 * 1024;

    private XlsxRoster() {
    }

    static RosterTable read(byte[] bytes, RosterLimits limits) throws RosterFileException {
        checkPackage(bytes, limits);
        List<RosterTable.Row> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes));
                Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            Iterator<Row> it = stream.iterator();
            while (it.hasNext()) {
                Row row = it.next();
                List<String> cells = new ArrayList<>();
                Set<Integer> numeric = new HashSet<>();
                for (Cell cell : row) {
                    if (cell == null) {
                        cells.add("");
                        continue;
                    }
                    int column = cell.getColumnIndex();
                    if (column >= limits.maxColumns()) {
                        throw new RosterFileException(GroupProblem.Code.FILE_NOT_A_ROSTER);
                    }
                    while (cells.size() < column) {
                        cells.add("");
                    }
                    if (cell.getType() == CellType.NUMBER) {
                        numeric.add(column);
                    }
                    cells.add(text(cell, limits));
                }
                RosterTable.Row r = new RosterTable.Row(row.getRowNum(), cells, numeric);
                if (r.isBlank()) {
                    continue;
                }
                if (rows.size() >= limits.maxRows()) {
                    throw new RosterFileException(GroupProblem.Code.FILE_TOO_MANY_ROWS, String.valueOf(limits.maxRows()));
                }
                rows.add(r);
            }
        } catch (IOException | RuntimeException e) {
            // fastexcel reports broken XML and missing parts as ExcelReaderException (a RuntimeException)
            throw new RosterFileException(GroupProblem.Code.FILE_DAMAGED);
        }
        return new RosterTable(RosterFormat.XLSX, rows);
    }

    /** The cell as text; numbers written plainly (no exponent), formulas as their cached value. */
    private static String text(Cell cell, RosterLimits limits) throws RosterFileException {
        String text = switch (cell.getType()) {
            case NUMBER -> {
                String raw = cell.getRawValue();
                try {
                    BigDecimal n = new BigDecimal(raw.strip());
                    yield n.scale() > 0 ? n.stripTrailingZeros().toPlainString() : n.toPlainString();
                } catch (NumberFormatException | NullPointerException e) {
                    yield String.valueOf(raw);
                }
            }
            case FORMULA -> cell.getRawValue() == null ? "" : cell.getRawValue();
            case EMPTY, ERROR -> "";
            default -> cell.getText() == null ? "" : cell.getText();
        };
        if (text.length() > limits.maxCellChars() * 4) {
            throw new RosterFileException(GroupProblem.Code.FILE_NOT_A_ROSTER);
        }
        return text;
    }

    private static void checkPackage(byte[] bytes, RosterLimits limits) throws RosterFileException {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            Enumeration<ZipArchiveEntry> all = zip.getEntries();
            while (all.hasMoreElements()) {
                ZipArchiveEntry entry = all.nextElement();
                if (++entries > limits.maxEntries()) {
                    throw new RosterFileException(GroupProblem.Code.FILE_DAMAGED);
                }
                if (entry.isDirectory()) {
                    continue;
                }
                long packed = Math.max(1, entry.getCompressedSize());
                long size = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        size += n;
                        total += n;
                        if (size > limits.maxEntryBytes() || total > limits.maxUnpackedBytes()
                                || size > RATIO_CHECK_FROM && size / packed > limits.maxCompressionRatio()) {
                            throw new RosterFileException(GroupProblem.Code.FILE_ZIP_BOMB,
                                    String.valueOf(limits.maxUnpackedBytes() / (1024 * 1024)));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new RosterFileException(GroupProblem.Code.FILE_DAMAGED);
        }
        if (entries == 0) {
            throw new RosterFileException(GroupProblem.Code.FILE_DAMAGED);
        }
    }
}
