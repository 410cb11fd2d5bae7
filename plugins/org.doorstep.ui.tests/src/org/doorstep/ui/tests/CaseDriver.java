package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.doorstep.testing.e4.Drive;
import org.doorstep.ui.internal.cases.CaseIds;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;

/**
 * Drives the guided case's real screens as the officer does: buttons clicked, rows and list entries selected, data
 * typed, signatures drawn with mouse strokes. Every step waits for the case's background work (photo checks,
 * fingerprint quality, sealing) to finish. Shared by the home-visit and group-session tests.
 */
final class CaseDriver {

    private final RunningWorkbench ui;
    private final TestFiles files;
    private final ActionCounter actions;

    CaseDriver(RunningWorkbench ui, TestFiles files, ActionCounter actions) {
        this.ui = ui;
        this.files = files;
        this.actions = actions;
    }

    void click(String id) {
        Button b = ui.get(id, Button.class);
        assertTrue(b.isEnabled(), id + " is enabled");
        assertTrue(b.getSize().y >= 44, id + " is " + b.getSize().y + " px high");
        press(b);
        if ((b.getStyle() & (SWT.CHECK | SWT.TOGGLE | SWT.RADIO)) != 0) {
            b.setSelection(!b.getSelection());
        }
        b.notifyListeners(SWT.Selection, new Event());
        ui.settle();
    }

    /** The press of a finger or mouse button on a control, as SWT delivers it (the counted action). */
    static void press(org.eclipse.swt.widgets.Control control) {
        Event down = new Event();
        down.button = 1;
        down.count = 1;
        control.notifyListeners(SWT.MouseDown, down);
        Event up = new Event();
        up.button = 1;
        up.count = 1;
        control.notifyListeners(SWT.MouseUp, up);
    }

    /** A combo entry chosen (one action: the list opened and the entry touched counts as the choice). */
    void choose(String id, int index) {
        Combo c = ui.get(id, Combo.class);
        press(c);
        c.select(index);
        c.notifyListeners(SWT.Selection, new Event());
        ui.settle();
    }

    /** A table row touched. */
    void row(String id, int index) {
        Table t = ui.get(id, Table.class);
        press(t);
        t.select(index);
        Event e = new Event();
        e.item = t.getItem(index);
        t.notifyListeners(SWT.Selection, e);
        ui.settle();
    }

    void type(String id, String text) {
        Text t = ui.get(id, Text.class);
        t.setFocus();
        t.setText(text);
    }

    /** Waits until the case's background work is done. */
    void idle() {
        ui.settle();
        ui.waitUntil("the case's work is done", () -> !ui.get(CaseIds.CASE_PROGRESS, ProgressBar.class).isVisible(),
                () -> ui.find(CaseIds.CASE_PROBLEMS).map(w -> ((Label) w).getText()).orElse(""));
        ui.settle();
    }

    /** Waits until today's visits are read (off the UI thread) and shown. */
    void visitsShown() {
        ui.waitUntil("today's visits are shown", () -> Drive.visible(ui, CaseIds.VISITS_TABLE)
                && !ui.get(CaseIds.VISITS_PROGRESS, ProgressBar.class).isVisible());
        ui.settle();
    }

    void next() {
        click(CaseIds.CASE_NEXT);
        idle();
    }

    String text(String id) {
        return ui.get(id, Label.class).getText();
    }

    /** The step indicator's button text of a step ("▶ 照片", "✓ 身份", "! 指纹（缺 1 项）"). */
    String step(String stepId) {
        return ui.get(CaseIds.STEP_PREFIX + stepId, Button.class).getText();
    }

    /** Applications: the issue combos keep their first offer (first issue); saved. */
    void saveApplications(String... extraTypes) {
        for (String type : extraTypes) {
            click(CaseIds.APP_TYPE_PREFIX + type);
        }
        click(CaseIds.APP_SAVE);
    }

    /** Checklist: every core item gets the scan, every secondary one is accepted pending with the suggested date. */
    void checklistWithScansAndPending() {
        Table checklist = ui.get(CaseIds.CHECKLIST_TABLE, Table.class);
        int items = checklist.getItemCount();
        for (int i = 0; i < items; i++) {
            Table now = ui.get(CaseIds.CHECKLIST_TABLE, Table.class);
            boolean core = now.getItem(i).getText(1).equals("核心");
            if (now.getItem(i).getText(2).startsWith("已附")) {
                continue;
            }
            row(CaseIds.CHECKLIST_TABLE, i);
            if (core) {
                files.answer("scan-id-card.pdf");
                click(CaseIds.CHECKLIST_ATTACH);
                idle();
            } else {
                click(CaseIds.CHECKLIST_PENDING);
            }
        }
        List<String> statuses = Arrays.stream(ui.get(CaseIds.CHECKLIST_TABLE, Table.class).getItems())
                .map(r -> r.getText(2)).toList();
        assertFalse(statuses.isEmpty(), "the checklist lists the materials");
        assertTrue(statuses.stream().allMatch(s -> s.startsWith("已附") || s.startsWith("后补")), statuses.toString());
    }

    /** One photo attempt imported from a test image. */
    void importPhoto(String image) {
        files.answer(image);
        click(CaseIds.PHOTO_IMPORT);
        idle();
    }

    /** Keeps the highlighted best attempt with a reason (none of the shared test portraits passes every check). */
    void keepBestPhoto(String reason) {
        type(CaseIds.PHOTO_REASON, reason);
        click(CaseIds.PHOTO_KEEP);
    }

    /** Fingerprints from image files: the import driver reads the test image the screen asks for. */
    void fingersFromFiles(String... images) {
        choose(CaseIds.FINGER_SOURCE, 1);
        idle();
        for (String image : images) {
            files.answer(image);
            click(CaseIds.FINGER_CAPTURE);
            idle();
        }
    }

    /** The applicant's and the officer's signatures drawn on the pad (the strokes are handwriting, not counted). */
    void signatures(String officer) {
        sign();
        click(CaseIds.SIGN_SAVE);
        choose(CaseIds.SIGN_ROLE, 4);
        type(CaseIds.SIGN_NAME, officer);
        sign();
        click(CaseIds.SIGN_SAVE);
        assertTrue(text(CaseIds.CASE_PROBLEMS).equals("这一步已完成。"), text(CaseIds.CASE_PROBLEMS));
    }

    /** Three strokes on the pad with mouse events, as a finger or pen would make them. */
    void sign() {
        actions.pause();
        try {
            Canvas pad = ui.get(CaseIds.SIGN_PAD, Canvas.class);
            for (int s = 0; s < 3; s++) {
                pad.notifyListeners(SWT.MouseDown, point(60 + s * 170, 100, 1000 * s));
                for (int i = 1; i <= 40; i++) {
                    pad.notifyListeners(SWT.MouseMove, point(60 + s * 170 + i * 3,
                            100 + (int) (50 * Math.sin(i / 5.0 + s)), 1000 * s + i * 12));
                }
                pad.notifyListeners(SWT.MouseUp, point(60 + s * 170 + 120, 100, 1000 * s + 600));
            }
            ui.settle();
        } finally {
            actions.resume();
        }
    }

    /** Review: nothing left open; complete (and seal when the laptop is enrolled). */
    String complete() {
        assertEquals(0, ui.find(CaseIds.REVIEW_LIST).map(w -> ((org.eclipse.swt.widgets.List) w).getItemCount())
                .orElse(0), "nothing left to do");
        click(CaseIds.REVIEW_COMPLETE);
        idle();
        return text(CaseIds.REVIEW_RESULT);
    }

    private static Event point(int x, int y, int time) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.time = time;
        e.button = 1;
        return e;
    }
}
