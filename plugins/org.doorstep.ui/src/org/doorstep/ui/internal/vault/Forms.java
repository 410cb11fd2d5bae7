package org.doorstep.ui.internal.vault;

import org.doorstep.ui.WidgetIds;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;

/** Builds the large, keyboard-friendly form rows of the vault screens and the sync view. */
public final class Forms {

    /** Touch targets: at least 44 px high. */
    public static final int CONTROL_HEIGHT = 48;
    /** Suffix of the id of the touch-size box around a text field. */
    public static final String BOX_SUFFIX = ".box";
    private static final String CSS_CLASS_KEY = "org.eclipse.e4.ui.css.CssClassName";

    private Forms() {
    }

    public static <W extends Widget> W id(W widget, String id) {
        widget.setData(WidgetIds.KEY, id);
        return widget;
    }

    public static <W extends Widget> W cssClass(W widget, String cssClass) {
        widget.setData(CSS_CLASS_KEY, cssClass);
        return widget;
    }

    public static Label heading(Composite parent, String text) {
        Label label = cssClass(new Label(parent, SWT.NONE), "heading");
        label.setText(text);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(label);
        return label;
    }

    /** A wrapping paragraph across both columns. */
    public static Label paragraph(Composite parent, String text, String id) {
        Label label = new Label(parent, SWT.WRAP);
        label.setText(text);
        if (id != null) {
            id(label, id);
        }
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(600, SWT.DEFAULT).applyTo(label);
        return label;
    }

    /** A label and a text field in one row; {@code onEnter} runs when Enter is pressed in the field. */
    public static Text field(Composite parent, String label, String id, int style, Runnable onEnter) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).applyTo(l);
        // GTK keeps a single-line field at its natural height, so the touch target is a box around it: a tap on
        // the box puts the cursor in the field
        Composite box = id(new Composite(parent, SWT.NONE), id + BOX_SUFFIX);
        GridLayoutFactory.fillDefaults().margins(0, 0).applyTo(box);
        GridDataFactory.fillDefaults().grab(true, false).hint(360, CONTROL_HEIGHT).applyTo(box);
        Text text = cssClass(id(new Text(box, SWT.BORDER | SWT.SINGLE | style), id), "field");
        text.setMessage(label);
        GridDataFactory.fillDefaults().grab(true, true).align(SWT.FILL, SWT.CENTER).applyTo(text);
        box.addListener(SWT.MouseDown, e -> text.setFocus());
        onEnter(text, onEnter);
        return text;
    }

    public static Button button(Composite parent, String text, String id, Runnable action) {
        Button button = id(new Button(parent, SWT.PUSH), id);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
        GridDataFactory.fillDefaults().hint(SWT.DEFAULT, CONTROL_HEIGHT).applyTo(button);
        return button;
    }

    /** Enter submits; Esc runs {@code onEscape} when given. */
    public static void onEnter(Control control, Runnable onEnter) {
        control.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_RETURN && onEnter != null) {
                e.doit = false;
                onEnter.run();
            }
        });
    }

    public static void onEscape(Control control, Runnable onEscape) {
        control.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_ESCAPE) {
                e.doit = false;
                onEscape.run();
            }
        });
    }

    /** Overwrites a passphrase field's text (SWT keeps no other copy we could reach). */
    public static void clear(Text passphrase) {
        if (!passphrase.isDisposed()) {
            passphrase.setText("");
        }
    }
}
