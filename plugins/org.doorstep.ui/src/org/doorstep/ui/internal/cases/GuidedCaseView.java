package org.doorstep.ui.internal.cases;

import java.util.List;
import java.util.Locale;

import org.doorstep.field.FieldException;
import org.doorstep.field.GuidedCase;
import org.doorstep.field.Step;
import org.doorstep.field.StepProblem;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * The guided case: a step indicator on the left (where the officer is, what is still missing in each step), the
 * current step's screen on the right, its problems in plain words under it, and previous / next. Every screen saves
 * through {@link GuidedCase}; after each change the indicator and the screen are drawn again from the stored case.
 */
final class GuidedCaseView {

    /** What a step screen may ask of the view around it. */
    interface Host {
        CasesMessages messages();

        Locale locale();

        GuidedCase guided();

        /** Draws the indicator, the screen and the problems again from the stored case. */
        void refresh();

        /** Shows a sentence under the screen (saved, refused …). */
        void say(String sentence);

        /** Runs slow work off the UI thread with the progress bar showing, then {@code done} on the UI thread. */
        <T> void background(Ui.Work<T> work, java.util.function.Consumer<T> done);

        /** As {@link #background(Ui.Work, java.util.function.Consumer)}, with the screen's own answer to a failure. */
        <T> void background(Ui.Work<T> work, java.util.function.Consumer<T> done,
                java.util.function.Consumer<Exception> failed);

        /** Closes what a memo holds (a camera, a scanner's connection) and forgets it. */
        void close(String key);

        /** The officer's words for a refusal: a {@link FieldException}'s text, else the exception's message. */
        String explain(Exception e);

        /** Asks the officer for files (the system's dialog in the product). */
        FileChooser files();

        /** Asks the officer for a printer (the system's print dialog in the product). */
        PrinterChooser printers();

        /** Something a screen keeps across its redraws (the last fingerprint attempt …); null when none. */
        Object memo(String key);

        void memo(String key, Object value);
    }

    private final CasesMessages m;
    private final Locale locale;
    private final GuidedCase guided;
    private final Runnable backToList;
    private final FileChooser files;
    private final PrinterChooser printers;
    private final Composite root;
    private final Composite indicator;
    private final Composite pageHolder;
    private final Label problems;
    private final Label said;
    private final ProgressBar progress;
    private Step shown;
    private final java.util.Map<String, Object> memos = new java.util.HashMap<>();
    private static final System.Logger LOG = System.getLogger(GuidedCaseView.class.getName());

    GuidedCaseView(Composite parent, CasesMessages m, Locale locale, GuidedCase guided, FileChooser files,
            PrinterChooser printers, Runnable backToList) {
        this.files = files;
        this.printers = printers;
        this.m = m;
        this.locale = locale;
        this.guided = guided;
        this.backToList = backToList;
        root = Ui.id(new Composite(parent, SWT.NONE), CaseIds.CASE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 8).applyTo(root);

        Composite left = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 6).applyTo(left);
        GridDataFactory.fillDefaults().grab(false, true).hint(260, SWT.DEFAULT).applyTo(left);
        Ui.button(left, CaseIds.CASE_BACK_TO_LIST, m.case_backToList, backToList);
        indicator = new Composite(left, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 4).applyTo(indicator);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(indicator);

        Composite right = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 8).applyTo(right);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(right);
        ScrolledComposite scroll = new ScrolledComposite(right, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroll);
        pageHolder = new Composite(scroll, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(pageHolder);
        scroll.setContent(pageHolder);
        progress = Ui.id(new ProgressBar(right, SWT.INDETERMINATE), CaseIds.CASE_PROGRESS);
        progress.setVisible(false);
        problems = Ui.id(Ui.label(right, ""), CaseIds.CASE_PROBLEMS);
        said = Ui.id(Ui.label(right, ""), CaseIds.CASE_SAID);
        Composite nav = new Composite(right, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 0).applyTo(nav);
        Ui.button(nav, CaseIds.CASE_PREVIOUS, m.case_previous, () -> move(-1));
        Ui.button(nav, CaseIds.CASE_NEXT, m.case_next, () -> move(+1));
        shown = guided.currentStep();
        // a camera or scanner left open is released with the screen
        root.addDisposeListener(e -> {
            close(CapturePages.SCANNER_STREAM); // the preview before the scanner it reads from
            for (String key : java.util.List.copyOf(memos.keySet())) {
                close(key);
            }
        });
        refresh();
    }

    private void close(String key) {
        Object held = memos.remove(key);
        if (held instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + key + " failed", e);
            }
        }
    }

    Composite control() {
        return root;
    }

    private void move(int by) {
        int i = shown.ordinal() + by;
        if (i >= 0 && i < Step.COMPLETE.ordinal()) {
            show(Step.values()[i]);
        }
    }

    private void show(Step step) {
        if (guided.summary().state() == org.doorstep.vault.CaseState.DRAFT) {
            guided.goTo(step);
        }
        shown = step;
        said.setText("");
        refresh();
    }

    void refresh() {
        if (root.isDisposed()) {
            return;
        }
        for (Control c : indicator.getChildren()) {
            c.dispose();
        }
        List<Step> missing = guided.missing();
        boolean draft = guided.summary().state() == org.doorstep.vault.CaseState.DRAFT;
        if (!draft) {
            shown = Step.REVIEW;
        }
        // devices are held only while their step is on screen (the camera's light goes out when the officer leaves)
        if (shown != Step.PHOTO) {
            close(CapturePages.CAMERA);
            memos.remove(CapturePages.CAMERA_FRAME);
            memos.remove(CapturePages.CAMERA_PROBLEM); // looked for again when the officer comes back
        }
        if (shown != Step.FINGERPRINTS) {
            close(CapturePages.SCANNER_STREAM);
            memos.remove(CapturePages.SCANNER_STREAM_PROBLEM);
            memos.remove(CapturePages.FINGER_FRAME);
            close(CapturePages.SCANNER);
            memos.remove(CapturePages.SCANNER_PROBLEM);
        }
        for (Step s : Step.values()) {
            if (s == Step.COMPLETE) {
                continue;
            }
            int count = missing.contains(s) ? guided.problems(s, locale).size() : 0;
            String label = s == shown ? CasesMessages.format(m.case_stepHere, s.label(locale))
                    : count > 0 ? CasesMessages.format(m.case_stepMissing, s.label(locale), count)
                            : s == Step.REVIEW ? s.label(locale) : CasesMessages.format(m.case_stepDone, s.label(locale));
            Button b = Ui.button(indicator, CaseIds.STEP_PREFIX + s.id(), label, () -> show(s));
            b.setEnabled(draft || s == Step.REVIEW);
            GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, Ui.TOUCH).applyTo(b);
            Ui.css(b, count > 0 ? "stepMissing" : s == shown ? "stepHere" : "stepDone");
        }
        for (Control c : pageHolder.getChildren()) {
            c.dispose();
        }
        Composite page = new Composite(pageHolder, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(8, 8).applyTo(page);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(page);
        Host host = host();
        switch (shown) {
            case IDENTITY -> StepPages.identity(page, host);
            case APPLICATIONS -> StepPages.applications(page, host);
            case CHECKLIST -> StepPages.checklist(page, host);
            case PHOTO -> CapturePages.photo(page, host);
            case FINGERPRINTS -> CapturePages.fingerprints(page, host);
            case SIGNATURES -> CapturePages.signatures(page, host);
            case REVIEW, COMPLETE -> StepPages.review(page, host);
        }
        List<StepProblem> now = shown == Step.REVIEW ? List.of() : guided.problems(shown, locale);
        problems.setText(now.isEmpty() ? m.case_noProblems
                : String.join("\n", now.stream().map(p -> "• " + p.text()).toList()));
        ScrolledComposite scroll = (ScrolledComposite) pageHolder.getParent();
        scroll.setMinSize(pageHolder.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        root.layout(true, true);
    }

    private Host host() {
        return new Host() {
            @Override
            public CasesMessages messages() {
                return m;
            }

            @Override
            public Locale locale() {
                return locale;
            }

            @Override
            public GuidedCase guided() {
                return guided;
            }

            @Override
            public void refresh() {
                GuidedCaseView.this.refresh();
            }

            @Override
            public void say(String sentence) {
                said.setText(sentence);
                root.layout(true, true);
            }

            @Override
            public <T> void background(Ui.Work<T> work, java.util.function.Consumer<T> done) {
                said.setText(m.case_working);
                Ui.inBackground(root, progress, work, r -> {
                    said.setText("");
                    done.accept(r);
                }, e -> {
                    refresh();
                    say(explain(e));
                });
            }

            @Override
            public <T> void background(Ui.Work<T> work, java.util.function.Consumer<T> done,
                    java.util.function.Consumer<Exception> failed) {
                said.setText(m.case_working);
                Ui.inBackground(root, progress, work, r -> {
                    said.setText("");
                    done.accept(r);
                }, e -> {
                    said.setText("");
                    failed.accept(e);
                });
            }

            @Override
            public void close(String key) {
                GuidedCaseView.this.close(key);
            }

            @Override
            public PrinterChooser printers() {
                return printers;
            }

            @Override
            public FileChooser files() {
                return files;
            }

            @Override
            public Object memo(String key) {
                return memos.get(key);
            }

            @Override
            public void memo(String key, Object value) {
                memos.put(key, value);
            }

            @Override
            public String explain(Exception e) {
                if (e instanceof FieldException f) {
                    return f.text(locale);
                }
                // the detail is for support, in the log; the officer gets plain words and keeps what was saved
                LOG.log(System.Logger.Level.ERROR, "case " + guided.caseId() + ": " + e, e);
                if (e instanceof java.io.IOException) {
                    return m.case_failedFile;
                }
                return m.case_failed;
            }
        };
    }

    Runnable backToList() {
        return backToList;
    }
}
