package org.doorstep.group;

/** Tells an XLSX from a CSV by content (not by the file name), refuses the old binary .xls, applies the size limit. */
public final class RosterFiles {

    private RosterFiles() {
    }

    public static RosterTable read(byte[] bytes, RosterLimits limits) throws RosterFileException {
        if (bytes == null || bytes.length == 0) {
            throw new RosterFileException(GroupProblem.Code.FILE_EMPTY);
        }
        if (bytes.length > limits.maxFileBytes()) {
            throw new RosterFileException(GroupProblem.Code.FILE_TOO_LARGE,
                    String.valueOf(limits.maxFileBytes() / (1024 * 1024)));
        }
        if (startsWith(bytes, 0x50, 0x4B, 0x03, 0x04)) {
            return XlsxRoster.read(bytes, limits);
        }
        if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            throw new RosterFileException(GroupProblem.Code.FILE_OLD_EXCEL);
        }
        if (startsWith(bytes, 0x50, 0x4B)) {
            throw new RosterFileException(GroupProblem.Code.FILE_DAMAGED);
        }
        return CsvRoster.read(bytes, limits);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
