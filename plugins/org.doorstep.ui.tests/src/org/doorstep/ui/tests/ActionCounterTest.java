package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.doorstep.ui.WidgetIds;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The officer-action counter on a small window of its own: a click, an Enter and a Tab are actions; letters typed
 * into a text field are data. Once with the events a test sends through {@code notifyListeners} (as the workbench
 * tests drive the product), once with real input from the X server ({@code Display.post}).
 */
class ActionCounterTest {

    private Display display;
    private Shell shell;
    private Button save;
    private Text name;
    private Text note;

    @BeforeEach
    void openWindow() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setText("ActionCounterTest");
        shell.setLayout(new GridLayout(1, false));
        name = new Text(shell, SWT.BORDER | SWT.SINGLE);
        name.setData(WidgetIds.KEY, "test.name");
        note = new Text(shell, SWT.BORDER | SWT.MULTI);
        note.setData(WidgetIds.KEY, "test.note");
        save = new Button(shell, SWT.PUSH);
        save.setText("Save");
        save.setData(WidgetIds.KEY, "test.save");
        shell.setBounds(50, 50, 400, 300);
        shell.open();
        settle();
    }

    @AfterEach
    void closeWindow() {
        shell.dispose();
        settle();
    }

    @Test
    void clicksEnterAndTabCountButLettersTypedIntoAFieldDoNot() {
        int[] selections = new int[1];
        save.addListener(SWT.Selection, e -> selections[0]++);
        try (ActionCounter actions = ActionCounter.on(display)) {
            // a click as SWT delivers it: press, release, then the button's Selection
            send(save, SWT.MouseDown, mouse(1));
            send(save, SWT.MouseUp, mouse(1));
            send(save, SWT.Selection, new Event());
            assertEquals(1, actions.count(), actions.actions().toString());

            // letters, a capital (Shift on its own, then Shift+B) and a Backspace typed into the name field
            send(name, SWT.KeyDown, key('z', 'z', 0));
            send(name, SWT.KeyDown, key(SWT.SHIFT, '\0', 0));
            send(name, SWT.KeyDown, key('b', 'B', SWT.SHIFT));
            send(name, SWT.KeyDown, key(SWT.BS, SWT.BS, 0));
            send(note, SWT.KeyDown, key(SWT.CR, SWT.CR, 0)); // a new line in a multi-line field is typing too
            assertEquals(1, actions.count(), actions.actions().toString());
            assertEquals(4, actions.typedKeys());

            // Enter in the single-line field (submits), Tab to the next field (a traversal that happens: no KeyDown),
            // Ctrl+2 (Ctrl on its own is not one)
            send(name, SWT.KeyDown, key(SWT.CR, SWT.CR, 0));
            Event tab = key(SWT.TAB, SWT.TAB, 0);
            tab.detail = SWT.TRAVERSE_TAB_NEXT;
            tab.doit = true;
            send(name, SWT.Traverse, tab);
            send(note, SWT.KeyDown, key(SWT.CTRL, '\0', 0));
            send(note, SWT.KeyDown, key('2', '2', SWT.CTRL));
            assertEquals(4, actions.count(), actions.actions().toString());

            // Enter on the focused button as SWT delivers it: a Traverse that does not happen, the KeyDown (to the
            // shell), then the button's Selection: one key press
            Event enter = key(SWT.CR, SWT.CR, 0);
            enter.detail = SWT.TRAVERSE_RETURN;
            enter.doit = false;
            send(save, SWT.Traverse, enter);
            send(shell, SWT.KeyDown, key(SWT.CR, SWT.CR, 0)); // GTK delivers this one to the shell
            send(save, SWT.Selection, new Event());
            // a test selecting the button directly stands for a click
            send(save, SWT.Selection, new Event());
            assertEquals(List.of("click on Button[test.save]", "key Enter on Text[test.name]",
                    "key Tab on Text[test.name]", "key Ctrl+2 on Text[test.note]", "key Enter on Button[test.save]",
                    "selection on Button[test.save]"), actions.actions());
            assertEquals(3, selections[0], "the button saw every Selection: the counter only watches");

            actions.reset();
            assertEquals(0, actions.count());
        }
        // closed: nothing counted any more
        try (ActionCounter other = ActionCounter.on(display)) {
            send(save, SWT.MouseDown, mouse(1));
            assertEquals(1, other.count());
        }
    }

    @Test
    void withPressesOnlyASelectionTheScreenCausesItselfIsNotCountedButAPressIs() {
        try (ActionCounter actions = ActionCounter.on(display).pressesOnly()) {
            // a date field given its date by the screen's code fires a Selection on GTK: not the officer's
            org.eclipse.swt.widgets.DateTime date = new org.eclipse.swt.widgets.DateTime(shell,
                    SWT.DATE | SWT.DROP_DOWN | SWT.BORDER);
            date.setDate(2026, 11, 21);
            send(date, SWT.Selection, new Event());
            settle();
            assertEquals(0, actions.count(), actions.actions().toString());
            // a click: the press counts, its Selection is part of it
            send(save, SWT.MouseDown, mouse(1));
            send(save, SWT.MouseUp, mouse(1));
            send(save, SWT.Selection, new Event());
            assertEquals(1, actions.count(), actions.actions().toString());
            assertEquals(List.of("click on Button[test.save]"), actions.actions());
        }
    }

    @Test
    void realInputFromTheDisplayIsCountedTheSameWay() {
        try (ActionCounter actions = ActionCounter.on(display)) {
            shell.forceActive();
            name.forceFocus();
            settle();
            waitFor(() -> name.isFocusControl(), "the name field has the keyboard focus");

            for (char c : "wang".toCharArray()) {
                post(SWT.KeyDown, c, 0);
                post(SWT.KeyUp, c, 0);
            }
            waitFor(() -> name.getText().equals("wang"), "the letters arrive in the field");
            assertEquals(0, actions.count(), actions.actions().toString());
            // GTK delivers a KeyDown for the key press and another for the character its input method commits
            assertTrue(actions.typedKeys() >= 4, actions.typedKeys() + " typed keys");

            post(SWT.KeyDown, '\0', SWT.TAB);
            post(SWT.KeyUp, '\0', SWT.TAB);
            waitFor(() -> note.isFocusControl(), "Tab moves on to the note");
            assertEquals(1, actions.count(), actions.actions().toString());

            Point centre = display.map(save, null, save.getSize().x / 2, save.getSize().y / 2);
            int[] selections = new int[1];
            save.addListener(SWT.Selection, e -> selections[0]++);
            Event move = new Event();
            move.type = SWT.MouseMove;
            move.x = centre.x;
            move.y = centre.y;
            display.post(move);
            settle();
            postButton(SWT.MouseDown);
            postButton(SWT.MouseUp);
            waitFor(() -> selections[0] == 1, "the click selects the button");
            assertEquals(2, actions.count(), actions.actions().toString());

            save.forceFocus();
            settle();
            post(SWT.KeyDown, '\r', SWT.CR);
            post(SWT.KeyUp, '\r', SWT.CR);
            waitFor(() -> selections[0] == 2, "Enter on the focused button selects it");
            assertEquals(3, actions.count(), actions.actions().toString());
        }
    }

    private void post(int type, char character, int keyCode) {
        Event event = new Event();
        event.type = type;
        event.character = character;
        event.keyCode = keyCode;
        if (!display.post(event)) {
            throw new AssertionError("the display refused to post a key event");
        }
        settle();
    }

    private void postButton(int type) {
        Event event = new Event();
        event.type = type;
        event.button = 1;
        if (!display.post(event)) {
            throw new AssertionError("the display refused to post a mouse event");
        }
        settle();
    }

    private static void send(Widget widget, int type, Event event) {
        event.type = type;
        widget.notifyListeners(type, event);
    }

    private static Event mouse(int button) {
        Event event = new Event();
        event.button = button;
        event.count = 1;
        return event;
    }

    private static Event key(int keyCode, char character, int stateMask) {
        Event event = new Event();
        event.keyCode = keyCode;
        event.character = character;
        event.stateMask = stateMask;
        return event;
    }

    private void waitFor(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L; // a guard against hanging, not a performance check
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            settle();
        }
    }

    private void settle() {
        for (int i = 0; i < 3; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
            display.timerExec(20, () -> {
            });
            display.sleep();
        }
        while (display.readAndDispatch()) {
            // drain
        }
    }
}
