package org.doorstep.group;

/**
 * How much of a roster file is read, so that a wrong or hostile file cannot exhaust the laptop. A roster of 200
 * employees is some 20 KB as CSV and 15 KB as XLSX; these limits are far above that.
 *
 * @param maxFileBytes         the file as it is on disk
 * @param maxRows              rows with content (header included)
 * @param maxColumns           cells per row
 * @param maxCellChars         characters per cell
 * @param maxUnpackedBytes     an XLSX's parts together, unpacked
 * @param maxEntryBytes        one part of an XLSX, unpacked
 * @param maxEntries           parts in an XLSX
 * @param maxCompressionRatio  unpacked size over packed size of one part, above which it is a zip bomb
 */
public record RosterLimits(int maxFileBytes, int maxRows, int maxColumns, int maxCellChars, long maxUnpackedBytes,
        long maxEntryBytes, int maxEntries, int maxCompressionRatio) {

    public static final RosterLimits DEFAULT = new RosterLimits(5 * 1024 * 1024, 2000, 50, 500, 100L * 1024 * 1024,
            50L * 1024 * 1024, 500, 200);
}
