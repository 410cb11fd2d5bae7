package org.doorstep.hq.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV exports: RFC 4180 quoting, CRLF, UTF-8 with a BOM for Excel, and no formula a spreadsheet would run. */
class CsvTest {

    @TempDir
    Path dir;

    @Test
    void fieldsAreQuotedAsRfc4180SaysAndFormulasAreDefused() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", Csv.field("=HYPERLINK(\"http://x\")"));
        assertEquals("'+1", Csv.field("+1"));
        assertEquals("'-2", Csv.field("-2"));
        assertEquals("'@SUM(A1)", Csv.field("@SUM(A1)"));
        assertEquals("'\tx", Csv.field("\tx"));
        assertEquals("\"'\rx\"", Csv.field("\rx"));
        assertEquals("", Csv.field(null));
    }

    @Test
    void aFileHasTheBomCrlfAndChineseIntact() throws Exception {
        Path file = dir.resolve("devices.csv");
        Csv.write(file, List.of("device", "officers"), List.of(List.of("dev-1", "王警官,李警官"), List.of("dev-2", "")));
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        assertEquals("device,officers\r\ndev-1,\"王警官,李警官\"\r\ndev-2,\r\n",
                new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> Csv.bytes(List.of("a", "b"), List.of(List.of("only one"))));
    }
}
