package org.doorstep.ui.tests;

import java.util.ArrayList;
import java.util.List;

import org.doorstep.ui.WidgetIds;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CCombo;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;

/**
 * Counts an officer's actions during a UI test (issue 6, item 9: "actions per case"), from the SWT events the
 * display really delivers, whether they come from the X server or from a test's {@code notifyListeners}. Installed
 * as display filters, so it sees every widget, dialogs included, without the widgets knowing.
 *
 * <p>What counts as one action:
 * <ul>
 * <li>a mouse button pressed ({@code MouseDown}); the second press of a double click is part of the first;</li>
 * <li>a key pressed ({@code KeyDown}, or {@code Traverse} for the keys that move the focus or close a dialog,
 * for which SWT sends no KeyDown when the traversal happens): Tab, Enter, Escape, function keys, shortcuts with
 * Ctrl or Alt, arrows and Space outside text fields. <b>Not counted</b>: typing data into a text field ({@link Text},
 * {@link StyledText}, an editable {@link Combo} or {@link CCombo}, {@link Spinner}): printable characters,
 * Backspace, Delete, arrows, Home and End there, and Enter in a multi-line field; nor modifier keys pressed on
 * their own (Ctrl of Ctrl+2 is part of the 2);</li>
 * <li>a {@code Selection} that no counted press caused: a test that selects a button with
 * {@code notifyListeners(SWT.Selection, …)} stands for a click. A Selection on the widget that received the last
 * counted press (the click's own Selection, Enter or Space on a button, an arrow in a list) is part of that
 * press.</li>
 * </ul>
 * With {@link #pressesOnly()} a Selection never counts on its own (the visit tests press, then select).
 * Use: {@code try (ActionCounter actions = ActionCounter.on(display)) { …; assertEquals(…, actions.count()); }};
 * {@link #actions()} says what was counted, for the message of a failing assertion.
 */
public final class ActionCounter implements AutoCloseable {

    private static final int[] EVENTS = { SWT.MouseDown, SWT.KeyDown, SWT.Traverse, SWT.Selection };

    private final Display display;
    private final Listener filter = this::handle;
    private final List<String> actions = new ArrayList<>();
    private int typedKeys;
    private boolean paused;
    private boolean selectionsCount = true;
    /** The widget of the last counted press, whose own Selection is part of that press. */
    private Widget pressed;
    /**
     * The widget, key and event time of a traversal just counted, whose KeyDown (sent when the traversal did not
     * happen) and echoes on the shell are part of the same press.
     */
    private Widget traversedWidget;
    private int traversedKey;
    private int traversedTime;

    private ActionCounter(Display display) {
        this.display = display;
    }

    /** Starts counting on the display's UI thread; call it there. */
    public static ActionCounter on(Display display) {
        ActionCounter counter = new ActionCounter(display);
        for (int type : EVENTS) {
            display.addFilter(type, counter.filter);
        }
        return counter;
    }

    /** Officer actions counted so far. */
    public int count() {
        return actions.size();
    }

    /** What was counted, one line per action (event, widget class and id). */
    public List<String> actions() {
        return List.copyOf(actions);
    }

    /**
     * KeyDown events typed into text fields, which are data, not actions. With real input GTK delivers a letter
     * twice (the key press, then the character its input method commits), so this is at least the keys typed.
     */
    public int typedKeys() {
        return typedKeys;
    }

    /**
     * Counts presses only (mouse buttons and keys), never a {@code Selection} on its own: for tests that click by
     * sending the press first ({@code MouseDown}, then the widget's Selection), so that the Selections a screen's
     * own code causes while it is drawn (a {@code DateTime} given its date fires one on GTK) are not taken for the
     * officer's.
     */
    public ActionCounter pressesOnly() {
        selectionsCount = false;
        return this;
    }

    /**
     * Stops counting while data other than typing is entered (strokes of a signature on the pad are the applicant's
     * handwriting, not officer actions) until {@link #resume()}.
     */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        pressed = null;
        traversedWidget = null;
    }

    /** Starts again from zero, e.g. after a test's preparation. */
    public void reset() {
        actions.clear();
        typedKeys = 0;
        pressed = null;
        traversedWidget = null;
    }

    @Override
    public void close() {
        if (!display.isDisposed()) {
            for (int type : EVENTS) {
                display.removeFilter(type, filter);
            }
        }
    }

    private void handle(Event event) {
        if (paused) {
            return;
        }
        switch (event.type) {
            case SWT.MouseDown -> {
                traversedWidget = null;
                if (event.count >= 2) {
                    return; // the second press of a double click
                }
                count(event, "click");
            }
            case SWT.Traverse -> {
                // Tab, Enter, Esc and the like arrive as a Traverse first; when the traversal happens SWT sends no
                // KeyDown at all, and when it does not, a KeyDown follows. GTK may also pass the same press on to
                // the shell as another Traverse or KeyDown. All of it is one press.
                if (isPendingPress(event)) {
                    return;
                }
                traversedWidget = null;
                if (!isTraversalKey(event.detail, event.stateMask) || isTyping(event)) {
                    return;
                }
                count(event, "key " + keyName(event));
                traversedWidget = event.widget;
                traversedKey = event.keyCode;
                traversedTime = event.time;
            }
            case SWT.KeyDown -> {
                if (isPendingPress(event)) {
                    return; // the traversal that did not happen, already counted
                }
                traversedWidget = null;
                if ((event.keyCode & SWT.MODIFIER_MASK) != 0 && event.keyCode == (event.keyCode & SWT.MODIFIER_MASK)) {
                    return; // Ctrl, Shift, Alt on their own
                }
                if (isTyping(event)) {
                    typedKeys++;
                    pressed = null;
                    return;
                }
                count(event, "key " + keyName(event));
            }
            case SWT.Selection -> {
                traversedWidget = null;
                if (!selectionsCount) {
                    return; // presses only: whatever caused this Selection was counted as its press, or is not the officer's
                }
                if (event.widget != null && event.widget == pressed) {
                    pressed = null; // caused by the press already counted
                    return;
                }
                pressed = null;
                actions.add("selection on " + describe(event.widget));
            }
            default -> {
                // only the three types above are filtered
            }
        }
    }

    private void count(Event event, String what) {
        pressed = event.widget;
        actions.add(what + " on " + describe(event.widget));
    }

    /**
     * The same key press as the traversal just counted: same key and event time, on its widget or one of that
     * widget's parents (its shell). Two presses of one key whose events carry the same time on the same widget
     * (only a test can send those) count once.
     */
    private boolean isPendingPress(Event event) {
        if (traversedWidget == null || event.keyCode != traversedKey || event.time != traversedTime) {
            return false;
        }
        for (Control c = traversedWidget instanceof Control control ? control : null; c != null; c = c.getParent()) {
            if (c == event.widget) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTraversalKey(int detail, int stateMask) {
        return switch (detail) {
            case SWT.TRAVERSE_TAB_NEXT, SWT.TRAVERSE_TAB_PREVIOUS, SWT.TRAVERSE_RETURN, SWT.TRAVERSE_ESCAPE,
                    SWT.TRAVERSE_PAGE_NEXT, SWT.TRAVERSE_PAGE_PREVIOUS, SWT.TRAVERSE_ARROW_NEXT,
                    SWT.TRAVERSE_ARROW_PREVIOUS -> true;
            case SWT.TRAVERSE_MNEMONIC -> (stateMask & (SWT.ALT | SWT.CTRL | SWT.COMMAND)) != 0;
            default -> false;
        };
    }

    /** A key that edits or moves within the data of a text field. */
    private static boolean isTyping(Event event) {
        if (!isDataField(event.widget)) {
            return false;
        }
        if ((event.stateMask & (SWT.CTRL | SWT.ALT | SWT.COMMAND)) != 0) {
            return false; // a shortcut, even in a text field
        }
        return switch (event.keyCode) {
            case SWT.TAB, SWT.ESC -> false;
            case SWT.CR, SWT.KEYPAD_CR -> (event.widget.getStyle() & SWT.MULTI) != 0;
            case SWT.BS, SWT.DEL, SWT.ARROW_LEFT, SWT.ARROW_RIGHT, SWT.ARROW_UP, SWT.ARROW_DOWN, SWT.HOME,
                    SWT.END -> true;
            default -> event.character >= ' ' && event.character != SWT.DEL;
        };
    }

    private static boolean isDataField(Widget widget) {
        if (widget instanceof Text || widget instanceof StyledText || widget instanceof Spinner) {
            return true;
        }
        if (widget instanceof Combo || widget instanceof CCombo) {
            return (widget.getStyle() & SWT.READ_ONLY) == 0;
        }
        return false;
    }

    private static String keyName(Event event) {
        String modifiers = ((event.stateMask & SWT.CTRL) != 0 ? "Ctrl+" : "")
                + ((event.stateMask & SWT.ALT) != 0 ? "Alt+" : "");
        return modifiers + switch (event.keyCode) {
            case SWT.TAB -> "Tab";
            case SWT.CR, SWT.KEYPAD_CR -> "Enter";
            case SWT.ESC -> "Esc";
            case ' ' -> "Space";
            default -> event.character >= ' ' ? String.valueOf(event.character)
                    : "0x" + Integer.toHexString(event.keyCode);
        };
    }

    private static String describe(Widget widget) {
        if (widget == null) {
            return "(no widget)";
        }
        Object id = widget.isDisposed() ? null : widget.getData(WidgetIds.KEY);
        return widget.getClass().getSimpleName() + (id == null ? "" : "[" + id + "]");
    }
}
