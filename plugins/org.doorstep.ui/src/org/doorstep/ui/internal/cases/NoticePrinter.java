package org.doorstep.ui.internal.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.field.PrintableNotice;
import org.doorstep.field.PrintableNotice.Block;
import org.doorstep.field.PrintableNotice.Kind;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.printing.Printer;
import org.eclipse.swt.printing.PrinterData;

/**
 * Prints the one-time notice ({@link PrintableNotice}'s blocks) on a printer with SWT: A4-like margins (18 mm top
 * and bottom, 16 mm at the sides), a serif CJK font at the page's sizes (title 20 pt, headings 13 pt, text 12 pt,
 * small print 10 pt), tables with their columns sized to their content and ruled lines, text wrapped character by
 * character where it must (Chinese has no spaces), a row never split across pages, and page numbers. Call on the UI
 * thread; a notice is one or two pages.
 */
final class NoticePrinter {

    private static final String FONT = "Noto Serif CJK SC";
    /** Punctuation that Chinese typesetting keeps off the start of a line. */
    private static final String CLOSING = "。，、；：？！）」』》〉】”’,.;:?!)";

    private final Printer printer;
    private GC gc;
    private final Rectangle page;
    private final Map<String, Font> fonts = new HashMap<>();
    private final String jobName;
    private final String pageFooter;
    private int y;
    private int pageNumber;

    private NoticePrinter(Printer printer, String jobName, String pageFooter) {
        this.printer = printer;
        this.jobName = jobName;
        this.pageFooter = pageFooter;
        Point dpi = printer.getDPI();
        Rectangle paper = printer.getBounds();
        Rectangle trim = printer.computeTrim(0, 0, 0, 0);
        int left = mm(16, dpi.x) + trim.x;
        int top = mm(18, dpi.y) + trim.y;
        page = new Rectangle(left, top, paper.width - 2 * mm(16, dpi.x), paper.height - 2 * mm(18, dpi.y));
    }

    /**
     * Prints {@code blocks} on the printer {@code data} names, as job {@code jobName}; each page's foot reads
     * {@code pageFooter} with the page number ({0}).
     *
     * @return the number of pages printed
     * @throws org.eclipse.swt.SWTException or SWTError when the printer refuses the job
     */
    static int print(PrinterData data, List<Block> blocks, String jobName, String pageFooter) {
        Printer printer = new Printer(data);
        try {
            NoticePrinter p = new NoticePrinter(printer, jobName, pageFooter);
            try {
                return p.run(blocks);
            } finally {
                p.dispose();
            }
        } finally {
            printer.dispose();
        }
    }

    private int run(List<Block> blocks) {
        if (!printer.startJob(jobName)) {
            throw new IllegalStateException("the printer did not start the job");
        }
        gc = new GC(printer); // only once the job is started: GTK's printer has no surface before
        newPage();
        Map<Integer, int[]> widths = new HashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            switch (b.kind()) {
                case TITLE -> paragraph(b.text(), font(20, true), SWT.CENTER, mm(2));
                case HEADING -> heading(b.text());
                case PARAGRAPH -> paragraph(b.text(), font(b.small() ? 10 : 12, false), SWT.LEFT, mm(1.5));
                case ITEM -> paragraph(b.text(), font(12, false), SWT.LEFT, mm(0.8));
                case HEADER_ROW, ROW -> {
                    int[] w = widths.computeIfAbsent(b.table(), t -> columns(blocks, t));
                    row(b, w, ruled(blocks, b.table()));
                    if (i + 1 >= blocks.size() || blocks.get(i + 1).table() != b.table()) {
                        y += mm(2);
                    }
                }
            }
        }
        finishPage();
        printer.endJob();
        return pageNumber;
    }

    private void heading(String text) {
        Font f = font(13, true);
        int h = wrap(text, f, page.width).size() * lineHeight(f);
        ensure(h + mm(8));
        y += mm(4);
        paragraph(text, f, SWT.LEFT, 0);
        gc.setLineWidth(Math.max(1, mm(0.4)));
        gc.drawLine(page.x, y, page.x + page.width, y);
        y += mm(2);
    }

    private void paragraph(String text, Font f, int align, int after) {
        gc.setFont(f);
        for (String line : wrap(text, f, page.width)) {
            ensure(lineHeight(f));
            int x = align == SWT.CENTER ? page.x + (page.width - gc.textExtent(line).x) / 2 : page.x;
            gc.drawText(line, x, y, true);
            y += lineHeight(f);
        }
        y += after;
    }

    /** Lists and fee tables are ruled; the two-column fact tables and the signature lines are not. */
    private static boolean ruled(List<Block> blocks, int table) {
        return blocks.stream().anyMatch(b -> b.table() == table && b.kind() == Kind.HEADER_ROW);
    }

    private void row(Block b, int[] widths, boolean ruled) {
        Font f = font(b.small() ? 10 : 12, b.kind() == Kind.HEADER_ROW);
        int pad = ruled ? mm(1.5) : mm(0.8);
        List<Integer> cellWidths = new ArrayList<>();
        List<List<String>> lines = new ArrayList<>();
        int height = 0;
        for (int c = 0; c < widths.length;) {
            String cell = c < b.cells().size() ? b.cells().get(c) : "";
            int end = c;
            // in a ruled table a cell followed by empty ones spans them (the fee table's total row)
            while (ruled && !cell.isEmpty() && end + 1 < widths.length && end + 1 < b.cells().size()
                    && b.cells().get(end + 1).isEmpty()) {
                end++;
            }
            int width = 0;
            for (int k = c; k <= end; k++) {
                width += widths[k];
            }
            List<String> l = cell.isEmpty() ? List.of() : wrap(cell, f, width - 2 * pad);
            cellWidths.add(width);
            lines.add(l);
            height = Math.max(height, l.size() * lineHeight(f));
            c = end + 1;
        }
        height += 2 * pad;
        ensure(height);
        gc.setFont(f);
        gc.setLineWidth(Math.max(1, mm(0.3)));
        int x = page.x;
        for (int c = 0; c < cellWidths.size(); c++) {
            int ty = y + pad;
            for (String line : lines.get(c)) {
                gc.drawText(line, x + pad, ty, true);
                ty += lineHeight(f);
            }
            if (ruled) {
                gc.drawRectangle(x, y, cellWidths.get(c), height);
            }
            x += cellWidths.get(c);
        }
        y += height;
    }

    /** Column widths of a table: each column's widest text, shrunk to the page where the whole is too wide. */
    private int[] columns(List<Block> blocks, int table) {
        Font f = font(12, false);
        gc.setFont(f);
        int n = blocks.stream().filter(b -> b.table() == table).mapToInt(b -> b.cells().size()).max().orElse(1);
        int[] natural = new int[n];
        for (Block b : blocks) {
            if (b.table() != table) {
                continue;
            }
            for (int c = 0; c < b.cells().size(); c++) {
                boolean spans = c + 1 < b.cells().size() && b.cells().get(c + 1).isEmpty();
                if (spans) {
                    continue;
                }
                for (String part : b.cells().get(c).split("\n")) {
                    natural[c] = Math.max(natural[c], gc.textExtent(part).x + 2 * mm(1.5));
                }
            }
        }
        int total = 0;
        for (int w : natural) {
            total += w;
        }
        int[] widths = new int[n];
        if (total <= page.width) {
            System.arraycopy(natural, 0, widths, 0, n);
            // the last column takes what is left, so rows reach the right margin
            widths[n - 1] += page.width - total;
            return widths;
        }
        // too wide: narrow columns keep their width, the wide ones share the rest in proportion
        int narrow = 0;
        int wide = 0;
        int share = page.width / n;
        for (int w : natural) {
            if (w <= share) {
                narrow += w;
            } else {
                wide += w;
            }
        }
        for (int c = 0; c < n; c++) {
            widths[c] = natural[c] <= share ? natural[c]
                    : (int) ((long) natural[c] * (page.width - narrow) / Math.max(1, wide));
        }
        return widths;
    }

    /**
     * Lines of {@code text} no wider than {@code width}: breaks at line ends, then wherever a character no longer
     * fits, except before closing punctuation.
     */
    private List<String> wrap(String text, Font f, int width) {
        gc.setFont(f);
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            int i = 0;
            while (i < paragraph.length()) {
                int cp = paragraph.codePointAt(i);
                String next = line + new String(Character.toChars(cp));
                // a closing mark (。，、）…) never starts a line: it stays at the end of this one, into the margin
                if (line.length() > 0 && gc.textExtent(next).x > width && CLOSING.indexOf(cp) < 0) {
                    out.add(line.toString());
                    line.setLength(0);
                    if (cp == ' ') {
                        i += Character.charCount(cp);
                        continue;
                    }
                } else {
                    line.appendCodePoint(cp);
                    i += Character.charCount(cp);
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    private void ensure(int height) {
        if (y + height > page.y + page.height - mm(8)) {
            finishPage();
            newPage();
        }
    }

    private void newPage() {
        printer.startPage();
        pageNumber++;
        y = page.y;
    }

    private void finishPage() {
        Font f = font(10, false);
        gc.setFont(f);
        String foot = CasesMessages.format(pageFooter, pageNumber);
        gc.drawText(foot, page.x + (page.width - gc.textExtent(foot).x) / 2, page.y + page.height - lineHeight(f), true);
        printer.endPage();
    }

    private int lineHeight(Font f) {
        gc.setFont(f);
        return (int) Math.round(gc.getFontMetrics().getHeight() * 1.25);
    }

    private Font font(int points, boolean bold) {
        return fonts.computeIfAbsent(points + (bold ? "b" : ""), k -> new Font(printer, FONT, points,
                bold ? SWT.BOLD : SWT.NORMAL));
    }

    private int mm(double millimetres) {
        return mm(millimetres, printer.getDPI().y);
    }

    private static int mm(double millimetres, int dpi) {
        return (int) Math.round(millimetres * dpi / 25.4);
    }

    private void dispose() {
        if (gc != null) {
            gc.dispose();
        }
        fonts.values().forEach(Font::dispose);
    }
}
