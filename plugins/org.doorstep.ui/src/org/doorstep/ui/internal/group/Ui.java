package org.doorstep.ui.internal.group;

import java.text.MessageFormat;
import java.util.Locale;

import org.doorstep.ui.WidgetIds;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;

/** Widget helpers for the group screens: ids, touch sizes (at least 44 px high), labelled fields. */
final class Ui {

    /** Smallest height of anything an officer touches. */
    static final int TOUCH = 44;
    private static final String CSS_CLASS_KEY = "org.eclipse.e4.ui.css.CssClassName";

    private Ui() {
    }

    static <W extends Widget> W id(W widget, String id) {
        widget.setData(WidgetIds.KEY, id);
        return widget;
    }

    static Label heading(Composite parent, String text, int span) {
        Label label = new Label(parent, SWT.WRAP);
        label.setData(CSS_CLASS_KEY, "heading");
        label.setText(text);
        GridDataFactory.fillDefaults().span(span, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(label);
        return label;
    }

    static Label paragraph(Composite parent, String id, String text, int span) {
        Label label = id(new Label(parent, SWT.WRAP), id);
        label.setText(text == null ? "" : text);
        GridDataFactory.fillDefaults().span(span, 1).grab(true, false).hint(600, SWT.DEFAULT).applyTo(label);
        return label;
    }

    static Button button(Composite parent, String id, String text, Runnable action) {
        Button b = id(new Button(parent, SWT.PUSH), id);
        b.setText(text);
        GridDataFactory.fillDefaults().hint(SWT.DEFAULT, TOUCH).applyTo(b);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /** A label and a one-line text field in a two-column grid. */
    static Text field(Composite parent, String id, String label) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = id(new Text(parent, SWT.BORDER | SWT.SINGLE), id);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, TOUCH).applyTo(text);
        return text;
    }

    /** A table with large rows and the given columns. */
    static Table table(Composite parent, String id, String... columns) {
        Table table = id(new Table(parent, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION), id);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.addListener(SWT.MeasureItem, e -> e.height = Math.max(e.height, TOUCH));
        for (String c : columns) {
            TableColumn column = new TableColumn(table, SWT.NONE);
            column.setText(c);
            column.setWidth(160);
        }
        return table;
    }

    static void packColumns(Table table) {
        for (TableColumn c : table.getColumns()) {
            c.pack();
            c.setWidth(Math.max(c.getWidth() + 16, 100));
        }
    }

    static String format(String pattern, Locale locale, Object... args) {
        return new MessageFormat(pattern, locale).format(args);
    }

    static String text(Text t) {
        return t.getText();
    }
}
