package org.doorstep.ui.internal.cases;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.doorstep.capture.signature.SignerRole;
import org.doorstep.domain.catalogue.DocumentFamily;
import org.doorstep.field.GuidedCase;
import org.doorstep.fingerprint.ExceptionReason;
import org.doorstep.fingerprint.FingerCaptureSession;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintDriver;
import org.doorstep.fingerprint.FingerprintMessages;
import org.doorstep.fingerprint.SameFingerPair;
import org.doorstep.fingerprint.drivers.ImageImportDriver;
import org.doorstep.fingerprint.drivers.SimulatorDriver;
import org.doorstep.photo.Attempt;
import org.doorstep.photo.CheckResult;
import org.doorstep.photo.FileImportSource;
import org.doorstep.photo.ImageLimits;
import org.doorstep.photo.PhotoSpec;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The capture screens: the photo with the head-position guide and each check's result per attempt, fingerprints
 * per finger with a quality bar, retry, exceptions and the same-finger warning, and the signature pad. The sources
 * are the import drivers (a file chooser) and the fingerprint simulator, which is marked "模拟/SIMULATOR".
 */
final class CapturePages {

    /** Memo key of the last fingerprint attempt, kept across redraws of the screen. */
    static final String LAST_FINGER = "lastFinger";

    private CapturePages() {
    }

    // ---- photo --------------------------------------------------------------------------------------------------

    static void photo(Composite page, GuidedCaseView.Host host) {
        CasesMessages m = host.messages();
        GuidedCase g = host.guided();
        List<DocumentFamily> families = g.photoFamilies();
        if (families.isEmpty()) {
            Ui.label(page, m.cl_formFirst);
            return;
        }
        DocumentFamily family = families.stream().filter(f -> !g.chosenPhoto(f.id()).isPresent()).findFirst()
                .orElse(families.get(0));
        Ui.css(Ui.label(page, CasesMessages.format(m.photo_family, family.name().in(host.locale()))), "heading");
        Composite row = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 0).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);

        List<Attempt> attempts = g.photoAttempts(family.id());
        Optional<Attempt> best = g.bestPhoto(family.id());
        Optional<Attempt> chosen = g.chosenPhoto(family.id());
        PhotoSpec spec = attempts.isEmpty() ? null : attempts.get(0).assessment().spec();
        Canvas guide = Ui.id(new Canvas(row, SWT.BORDER | SWT.DOUBLE_BUFFERED), CaseIds.PHOTO_GUIDE);
        GridDataFactory.swtDefaults().hint(236, 315).applyTo(guide);
        byte[] jpeg = chosen.flatMap(a -> a.assessment().jpeg()).orElse(null);
        Image picture = jpeg == null ? null : new Image(guide.getDisplay(), new ImageData(new ByteArrayInputStream(jpeg)));
        guide.addDisposeListener(e -> {
            if (picture != null) {
                picture.dispose();
            }
        });
        guide.addPaintListener(e -> {
            org.eclipse.swt.graphics.Rectangle area = guide.getClientArea();
            if (picture == null || spec == null) {
                e.gc.drawText(m.photo_none, 8, 8);
                return;
            }
            e.gc.drawImage(picture, 0, 0, picture.getBounds().width, picture.getBounds().height, 0, 0, area.width,
                    area.height);
            // the head-position guide: the crown belongs in the top band, the chin in the lower band
            double perMm = area.height / spec.heightMm();
            e.gc.setLineStyle(SWT.LINE_DASH);
            e.gc.setLineWidth(2);
            e.gc.setForeground(guide.getDisplay().getSystemColor(SWT.COLOR_RED));
            for (double mm : new double[] { spec.crownMarginMm().min(), spec.crownMarginMm().max(),
                    spec.crownMarginMm().min() + spec.headHeightMm().min(),
                    spec.crownMarginMm().max() + spec.headHeightMm().max() }) {
                int y = (int) Math.round(mm * perMm);
                e.gc.drawLine(0, y, area.width, y);
            }
            e.gc.drawLine(area.width / 2, 0, area.width / 2, area.height);
        });

        Composite side = new Composite(row, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 8).applyTo(side);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(side);
        Ui.label(side, m.photo_guide);
        Table table = Ui.id(new Table(side, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE), CaseIds.PHOTO_ATTEMPTS);
        table.setHeaderVisible(false);
        table.setLinesVisible(true);
        TableColumn what = new TableColumn(table, SWT.LEFT);
        what.setWidth(260);
        TableColumn why = new TableColumn(table, SWT.LEFT);
        why.setWidth(640);
        for (Attempt a : attempts) {
            TableItem head = new TableItem(table, SWT.NONE);
            String marks = (best.filter(b -> b.number() == a.number()).isPresent() ? " " + m.photo_best : "")
                    + (chosen.filter(c -> c.number() == a.number()).isPresent() ? " " + m.photo_chosen : "");
            head.setText(new String[] { CasesMessages.format(m.photo_attempt, a.number()) + marks,
                    (a.assessment().passed() ? m.photo_passed : m.photo_failed) + " · "
                            + CasesMessages.format(m.photo_score, String.format("%.2f", a.assessment().score())) });
            head.setData(a.number());
            if (best.filter(b -> b.number() == a.number()).isPresent()) {
                head.setBackground(table.getDisplay().getSystemColor(SWT.COLOR_INFO_BACKGROUND));
                head.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
            }
            for (CheckResult c : a.assessment().checks()) {
                TableItem line = new TableItem(table, SWT.NONE);
                line.setText(new String[] { "   " + (c.passed() ? "✓ " : "✗ ") + checkName(m, c.check()), c.reason(host.locale()) });
                line.setData(a.number());
                if (!c.passed()) {
                    line.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
                }
            }
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 300).applyTo(table);
        Composite buttons = new Composite(side, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(1).applyTo(buttons);
        org.eclipse.swt.widgets.Button take = Ui.button(buttons, CaseIds.PHOTO_IMPORT, m.photo_import, () -> {
            host.files().open(page.getShell(), "*.jpg;*.jpeg;*.png", m.files_images).ifPresent(file -> host.background(
                    () -> g.takePhoto(family.id(), new FileImportSource(file, ImageLimits.DEFAULT)), attempt -> host.refresh()));
        });
        take.setEnabled(g.canTakePhoto(family.id()));
        Text reason = Ui.field(side, CaseIds.PHOTO_REASON, m.photo_reason, null);
        Ui.button(side, CaseIds.PHOTO_KEEP, m.photo_keep, () -> {
            int i = table.getSelectionIndex();
            Integer number = i < 0 ? chosen.map(Attempt::number).orElse(null) : (Integer) table.getItem(i).getData();
            if (number == null) {
                host.say(m.photo_selectAttempt);
                return;
            }
            try {
                g.choosePhoto(family.id(), number, reason.getText());
                host.refresh();
            } catch (org.doorstep.field.FieldException e) {
                host.say(host.explain(e));
            }
        });
    }

    /** The check's name in the officer's language (fields {@code check_<ID>}). */
    private static String checkName(CasesMessages m, org.doorstep.photo.CheckId id) {
        try {
            Object name = CasesMessages.class.getField("check_" + id.name()).get(m);
            return name == null ? id.name() : name.toString();
        } catch (ReflectiveOperationException e) {
            return id.name();
        }
    }

    // ---- fingerprints -------------------------------------------------------------------------------------------

    static void fingerprints(Composite page, GuidedCaseView.Host host) {
        CasesMessages m = host.messages();
        GuidedCase g = host.guided();
        if (g.checklist().isEmpty()) {
            Ui.label(page, m.cl_formFirst);
            return;
        }
        Optional<FingerPosition> next = g.nextFinger();
        Ui.css(Ui.id(Ui.label(page, next.map(p -> CasesMessages.format(m.finger_next,
                FingerprintMessages.position(host.locale(), p))).orElse(m.finger_done)), CaseIds.FINGER_NEXT), "heading");
        Combo source = Ui.combo(page, CaseIds.FINGER_SOURCE, m.finger_source, m.finger_import, m.finger_simulator);
        Object remembered = host.memo("fingerSource");
        source.select(remembered instanceof Integer i ? i : 0);
        Label banner = Ui.id(Ui.label(page, m.finger_simulatorBanner), CaseIds.FINGER_SIMULATOR_BANNER);
        banner.setBackground(page.getDisplay().getSystemColor(SWT.COLOR_RED));
        banner.setForeground(page.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        Ui.css(banner, "simulator");
        Runnable showBanner = () -> {
            banner.setVisible(source.getSelectionIndex() == 1);
            ((org.eclipse.swt.layout.GridData) banner.getLayoutData()).exclude = source.getSelectionIndex() != 1;
            page.layout(true, true);
        };
        source.addListener(SWT.Selection, e -> {
            host.memo("fingerSource", source.getSelectionIndex());
            showBanner.run();
        });
        showBanner.run();

        ProgressBar quality = Ui.id(new ProgressBar(page, SWT.HORIZONTAL | SWT.SMOOTH), CaseIds.FINGER_QUALITY);
        quality.setMaximum(100);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 28).applyTo(quality);
        Label result = Ui.id(Ui.label(page, ""), CaseIds.FINGER_RESULT);
        if (host.memo(LAST_FINGER) instanceof FingerCaptureSession.Attempt last) {
            quality.setSelection(last.quality().score());
            quality.setState(last.accepted() ? SWT.NORMAL : SWT.ERROR);
            result.setText(describe(m, host, g, last));
        }

        org.eclipse.swt.widgets.Button capture = Ui.button(page, CaseIds.FINGER_CAPTURE, m.finger_capture, () -> {
            FingerPosition position = next.orElse(null);
            if (position == null) {
                return;
            }
            FingerprintDriver driver;
            if (source.getSelectionIndex() == 1) {
                driver = new SimulatorDriver(System.nanoTime());
            } else {
                Optional<Path> file = host.files().open(page.getShell(), "*.png;*.jpg;*.jpeg;*.bmp;*.wsq", m.files_fingers);
                if (file.isEmpty()) {
                    return;
                }
                driver = new ImageImportDriver(p -> file);
            }
            host.background(() -> g.captureFinger(driver, position), attempt -> {
                host.memo(LAST_FINGER, attempt);
                host.refresh();
            });
        });
        capture.setEnabled(next.isPresent());
        Ui.button(page, CaseIds.FINGER_RETRY, m.finger_retry, () -> {
            if (host.memo(LAST_FINGER) instanceof FingerCaptureSession.Attempt last) {
                g.retakeFinger(last.capture().position());
                host.memo(LAST_FINGER, null);
                host.refresh();
            }
        });

        Ui.label(page, m.finger_exception);
        ExceptionReason[] reasons = ExceptionReason.values();
        String[] reasonTexts = new String[reasons.length];
        for (int i = 0; i < reasons.length; i++) {
            reasonTexts[i] = reasonText(m, reasons[i]);
        }
        Combo reason = Ui.combo(page, CaseIds.FINGER_EXCEPTION_REASON, m.finger_exception, reasonTexts);
        reason.select(0);
        Text note = Ui.field(page, CaseIds.FINGER_EXCEPTION_NOTE, m.finger_exceptionNote, null);
        org.eclipse.swt.widgets.Button except = Ui.button(page, CaseIds.FINGER_EXCEPTION_RECORD, m.finger_exceptionRecord,
                () -> {
                    FingerPosition position = next.orElse(null);
                    if (position == null) {
                        return;
                    }
                    ExceptionReason r = reasons[Math.max(0, reason.getSelectionIndex())];
                    byte[] photo = null;
                    if (r.needsPhoto()) {
                        Optional<Path> file = host.files().open(page.getShell(), "*.jpg;*.jpeg;*.png", m.files_images);
                        if (file.isEmpty()) {
                            return;
                        }
                        try {
                            photo = Files.readAllBytes(file.get());
                        } catch (java.io.IOException e) {
                            host.say(host.explain(e));
                            return;
                        }
                    }
                    byte[] hand = photo;
                    host.background(() -> {
                        g.recordFingerException(position, r, note.getText(), hand);
                        return position;
                    }, p -> host.refresh());
                });
        except.setEnabled(next.isPresent());
    }

    private static String describe(CasesMessages m, GuidedCaseView.Host host, GuidedCase g,
            FingerCaptureSession.Attempt a) {
        StringBuilder s = new StringBuilder(CasesMessages.format(m.finger_quality, a.quality().score(), 40,
                g.fingerAttemptsLeft(a.capture().position())));
        if (a.sameFingerAs().isEmpty()) {
            s.append('\n').append(a.accepted() ? m.finger_accepted : m.finger_notAccepted);
        }
        for (SameFingerPair pair : a.sameFingerAs()) {
            FingerPosition other = pair.first().position() == a.capture().position() ? pair.second().position()
                    : pair.first().position();
            s.append('\n').append(CasesMessages.format(m.finger_sameFinger, FingerprintMessages.position(host.locale(), other)));
        }
        if (a.capture().simulated()) {
            s.append('\n').append(m.finger_simulatorBanner);
        }
        return s.toString();
    }

    private static String reasonText(CasesMessages m, ExceptionReason r) {
        return switch (r) {
            case AMPUTATED -> m.finger_reason_AMPUTATED;
            case INJURED -> m.finger_reason_INJURED;
            case BANDAGED -> m.finger_reason_BANDAGED;
            case UNUSABLE_AFTER_RETRIES -> m.finger_reason_UNUSABLE_AFTER_RETRIES;
            case OTHER -> m.finger_reason_OTHER;
        };
    }

    // ---- signatures ---------------------------------------------------------------------------------------------

    static void signatures(Composite page, GuidedCaseView.Host host) {
        CasesMessages m = host.messages();
        GuidedCase g = host.guided();
        SignerRole[] roles = SignerRole.values();
        String[] names = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            names[i] = roleText(m, roles[i]);
        }
        Combo role = Ui.combo(page, CaseIds.SIGN_ROLE, m.sign_role, names);
        role.select(g.signedRoles().contains(SignerRole.APPLICANT) ? SignerRole.OFFICER.ordinal() : 0);
        Text name = Ui.field(page, CaseIds.SIGN_NAME, m.sign_name,
                g.form().applicant() == null ? null : g.form().applicant().name());
        Ui.label(page, m.sign_pad);
        SignaturePad pad = new SignaturePad(page);
        Ui.id(pad.control(), CaseIds.SIGN_PAD);
        Composite buttons = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 0).applyTo(buttons);
        Ui.button(buttons, CaseIds.SIGN_CLEAR, m.sign_clear, pad::clear);
        Ui.button(buttons, CaseIds.SIGN_SAVE, m.sign_save, () -> {
            try {
                g.sign(pad.signature(roles[Math.max(0, role.getSelectionIndex())], name.getText().strip()));
                host.refresh();
            } catch (org.doorstep.field.FieldException e) {
                host.say(host.explain(e));
            }
        });
        Ui.label(page, CasesMessages.format(m.sign_saved,
                String.join("、", g.signedRoles().stream().map(r -> roleText(m, r)).toList())));
    }

    private static String roleText(CasesMessages m, SignerRole r) {
        return switch (r) {
            case APPLICANT -> m.role_APPLICANT;
            case GUARDIAN -> m.role_GUARDIAN;
            case AGENT -> m.role_AGENT;
            case WITNESS -> m.role_WITNESS;
            case OFFICER -> m.role_OFFICER;
        };
    }
}
