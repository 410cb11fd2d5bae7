package org.doorstep.group;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Roster files made the way the tests need them: CSV in a given encoding, XLSX written by fastexcel's writer. */
final class Rosters {

    /** Three good employees and one bad row (check character wrong). Header in Chinese. */
    static final List<List<Object>> THREE_AND_ONE_BAD = List.of(
            List.of("姓名", "身份证号码", "手机号码", "办理证件", "邮寄地址"),
            List.of("张伟", "11010519491231002X", "13800138000", "护照", ""),
            List.of("李娜", "440305198506123419", "13912345678", "港澳通行证、护照", "深圳市南山区科技园"),
            List.of("王芳", "310115199203045625", "", "passport", ""),
            List.of("赵强", "110105198001011239", "13700001111", "护照", ""));

    private Rosters() {
    }

    static byte[] csv(List<List<Object>> rows, Charset charset, boolean bom) {
        StringBuilder b = new StringBuilder();
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = String.valueOf(row.get(i));
                b.append(i == 0 ? "" : ",").append(cell.contains(",") || cell.contains("\"")
                        ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
            }
            b.append("\r\n");
        }
        byte[] body = b.toString().getBytes(charset);
        if (!bom) {
            return body;
        }
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        return all;
    }

    /** An XLSX whose first sheet holds {@code rows}; further sheets hold {@code others}. Strings stay text, numbers numbers. */
    @SafeVarargs
    static byte[] xlsx(List<List<Object>> rows, List<List<Object>>... others) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "DoorstepTest", "1.0");
            fill(wb.newWorksheet("名单"), rows);
            for (int i = 0; i < others.length; i++) {
                fill(wb.newWorksheet("其他" + i), others[i]);
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void fill(Worksheet ws, List<List<Object>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object v = rows.get(r).get(c);
                if (v instanceof Number n) {
                    ws.value(r, c, n);
                } else if (!String.valueOf(v).isEmpty()) {
                    ws.value(r, c, String.valueOf(v));
                }
            }
        }
    }

    /** The parts of a ZIP, in order. */
    static Map<String, byte[]> parts(byte[] zip) {
        // fastexcel's writer streams its parts with data descriptors, which java.util.zip.ZipInputStream misreads
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        try (var in = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                .setSeekableByteChannel(new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(zip)).get()) {
            for (var e : java.util.Collections.list(in.getEntries())) {
                try (var part = in.getInputStream(e)) {
                    parts.put(e.getName(), part.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }

    /** The same package with some parts replaced (deflated at the highest level). */
    static byte[] replace(byte[] zip, Map<String, byte[]> replacements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(9);
            for (var part : parts(zip).entrySet()) {
                z.putNextEntry(new ZipEntry(part.getKey()));
                z.write(replacements.getOrDefault(part.getKey(), part.getValue()));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
