package org.doorstep.hq.console.internal;

import java.util.function.Consumer;

import org.doorstep.hq.console.ConsoleIds;
import org.eclipse.e4.ui.services.IStylingEngine;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;

/** Small helpers of the console's screens: ids for tests, CSS classes, and controls big enough to hit. */
public final class Ui {

    /** Touch targets and rows: at least 44 px (9 mm on a 125 dpi screen); buttons get a little more. */
    public static final int TARGET = 48;
    public static final int ROW = 44;
    /** Data key the e4 CSS engine reads a widget's CSS class from. */
    private static final String CSS_CLASS_KEY = "org.eclipse.e4.ui.css.CssClassName";

    private Ui() {
    }

    public static <W extends Widget> W id(W widget, String id) {
        widget.setData(ConsoleIds.KEY, id);
        return widget;
    }

    public static <W extends Widget> W css(W widget, String cssClass) {
        widget.setData(CSS_CLASS_KEY, cssClass);
        return widget;
    }

    /**
     * Gives a widget already shown another CSS class and has the theme apply it at once (the CSS engine styles a
     * widget once by itself); {@code styling} may be absent (no theme), then only the class is noted.
     */
    public static void restyle(IStylingEngine styling, Widget widget, String cssClass) {
        css(widget, cssClass);
        if (styling != null) {
            styling.setClassname(widget, cssClass);
        }
    }

    public static Label heading(Composite parent, String text) {
        Label label = css(new Label(parent, SWT.NONE), "heading");
        label.setText(text);
        return label;
    }

    public static Label subheading(Composite parent, String text) {
        Label label = css(new Label(parent, SWT.NONE), "subheading");
        label.setText(text);
        return label;
    }

    public static Label label(Composite parent, String text) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(text);
        return label;
    }

    /** A label that wraps at its parent's width. */
    public static Label paragraph(Composite parent, String id, String text) {
        Label label = new Label(parent, SWT.WRAP);
        label.setText(text);
        if (id != null) {
            id(label, id);
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(label);
        return label;
    }

    public static Button button(Composite parent, String id, String text, Runnable action) {
        Button button = id(new Button(parent, SWT.PUSH), id);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
        // measured before the theme's larger font applies: leave room for it, and never narrower than 120 px
        int width = Math.max(120, button.computeSize(SWT.DEFAULT, SWT.DEFAULT).x * 3 / 2 + 16);
        GridDataFactory.swtDefaults().hint(width, TARGET).applyTo(button);
        return button;
    }

    public static Text text(Composite parent, String id, int style) {
        Text text = id(new Text(parent, SWT.BORDER | style), id);
        GridDataFactory.fillDefaults().grab(true, false).hint(240, (style & SWT.MULTI) != 0 ? 96 : SWT.DEFAULT)
                .applyTo(text);
        return text;
    }

    public static Combo combo(Composite parent, String id, String... items) {
        Combo combo = id(new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN), id);
        combo.setItems(items);
        if (items.length > 0) {
            combo.select(0);
        }
        GridDataFactory.fillDefaults().hint(SWT.DEFAULT, SWT.DEFAULT).applyTo(combo);
        return combo;
    }

    /** A table with a header, lines, whole-row selection and rows at least {@link #ROW} pixels high. */
    public static Table table(Composite parent, String id, int style, String... columns) {
        Table table = id(new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | style), id);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String c : columns) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(c);
            column.setWidth(Math.max(90, c.length() * 16 + 24));
        }
        table.addListener(SWT.MeasureItem, e -> e.height = Math.max(e.height, ROW));
        GridDataFactory.fillDefaults().grab(true, true).hint(400, 200).applyTo(table);
        return table;
    }

    /** Fits every column to its content and header (after rows are set). */
    public static void pack(Table table) {
        for (TableColumn c : table.getColumns()) {
            int before = c.getWidth();
            c.pack();
            c.setWidth(Math.min(Math.max(c.getWidth() + 12, before / 2 + 1), 520));
        }
    }

    /** Runs {@code action} on Enter in a text field (single-line fields submit their form). */
    public static void onEnter(Control control, Runnable action) {
        control.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_RETURN) {
                e.doit = false;
                action.run();
            }
        });
    }
}
