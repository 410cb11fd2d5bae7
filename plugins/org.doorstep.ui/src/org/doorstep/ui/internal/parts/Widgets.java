package org.doorstep.ui.internal.parts;

import org.doorstep.ui.WidgetIds;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Widget;

/** Small helpers shared by the parts: ids for tests, CSS classes for the theme, common labels. */
final class Widgets {

    /** Data key the e4 CSS engine reads a widget's CSS class from. */
    private static final String CSS_CLASS_KEY = "org.eclipse.e4.ui.css.CssClassName";

    private Widgets() {
    }

    static <W extends Widget> W id(W widget, String id) {
        widget.setData(WidgetIds.KEY, id);
        return widget;
    }

    static <W extends Widget> W cssClass(W widget, String cssClass) {
        widget.setData(CSS_CLASS_KEY, cssClass);
        return widget;
    }

    static Label heading(Composite parent, String text) {
        Label label = cssClass(new Label(parent, SWT.NONE), "heading");
        label.setText(text);
        return label;
    }

    /** Lays out a work area: its id, the common margins, and its heading on top. */
    static void section(Composite parent, String id, String heading) {
        id(parent, id);
        GridLayoutFactory.fillDefaults().margins(16, 16).spacing(0, 12).applyTo(parent);
        heading(parent, heading);
    }

    /** A work area with nothing in it yet: its heading and a sentence that says what will appear. */
    static void emptySection(Composite parent, String id, String heading, String explanation) {
        section(parent, id, heading);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(paragraph(parent, explanation));
    }

    /** A paragraph that wraps at the width of its parent. */
    static Label paragraph(Composite parent, String text) {
        Label label = new Label(parent, SWT.WRAP);
        label.setText(text);
        return label;
    }
}
