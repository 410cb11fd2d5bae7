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
import org.doorstep.fingerprint.FingerprintException;
import org.doorstep.fingerprint.drivers.SbiDriver;
import org.doorstep.fingerprint.drivers.SbiOptions;
import org.doorstep.fingerprint.drivers.SbiStream;
import org.doorstep.fingerprint.drivers.SimulatorDriver;
import org.doorstep.photo.Attempt;
import org.doorstep.photo.CameraPreview;
import org.doorstep.photo.CheckResult;
import org.doorstep.photo.FileImportSource;
import org.doorstep.photo.ImageLimits;
import org.doorstep.photo.PhotoInputException;
import org.doorstep.photo.PhotoSession;
import org.doorstep.photo.PhotoSource;
import org.doorstep.photo.PhotoSpec;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
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
 * per finger with a quality bar, retry, exceptions and the same-finger warning, and the signature pad. The officer
 * chooses the source: a camera (live preview under the guide) or a file for the photo; a scanner behind its SBI
 * service, a file, or the simulator (marked "模拟/SIMULATOR") for fingerprints. A source that is not there says so.
 */
final class CapturePages {

    /** Memo key of the last fingerprint attempt, kept across redraws of the screen. */
    static final String LAST_FINGER = "lastFinger";

    private CapturePages() {
    }

    // ---- photo --------------------------------------------------------------------------------------------------

    /** Memo keys of the photo screen. */
    static final String PHOTO_FAMILY = "photoFamily";
    static final String PHOTO_SOURCE = "photoSource";
    static final String CAMERA = "camera";
    static final String CAMERA_PROBLEM = "cameraProblem";
    static final String CAMERA_OPENING = "cameraOpening";
    static final String CAMERA_FRAME = "cameraFrame";
    static final String PHOTO_GUIDE_CANVAS = "photoGuideCanvas";
    /** Source choices of the photo screen, in the order of its combo. */
    static final int PHOTO_FILE = 0;
    static final int PHOTO_CAMERA = 1;

    static void photo(Composite page, GuidedCaseView.Host host) {
        CasesMessages m = host.messages();
        GuidedCase g = host.guided();
        List<DocumentFamily> families = g.photoFamilies();
        if (families.isEmpty()) {
            Ui.label(page, m.cl_formFirst);
            return;
        }
        // the family the officer picked, else the first not yet settled (a failed attempt keeps the officer on it)
        Object picked = host.memo(PHOTO_FAMILY);
        DocumentFamily family = families.stream().filter(f -> f.id().equals(picked)).findFirst()
                .orElseGet(() -> g.photoFamilyToTake().orElse(families.get(0)));
        Ui.css(Ui.label(page, CasesMessages.format(m.photo_family, family.name().in(host.locale()))), "heading");
        if (families.size() > 1) {
            Composite tabs = new Composite(page, SWT.NONE);
            GridLayoutFactory.fillDefaults().numColumns(families.size()).spacing(12, 0).applyTo(tabs);
            for (DocumentFamily f : families) {
                String text = CasesMessages.format(g.photoAccepted(f.id()) ? m.photo_familyDone : m.photo_familyOpen,
                        f.name().in(host.locale()));
                org.eclipse.swt.widgets.Button b = Ui.button(tabs, CaseIds.PHOTO_FAMILY_PREFIX + f.id(), text, () -> {
                    host.memo(PHOTO_FAMILY, f.id());
                    host.refresh();
                });
                Ui.css(b, f.id().equals(family.id()) ? "stepHere" : g.photoAccepted(f.id()) ? "stepDone" : "stepMissing");
            }
        }
        int sourceIndex = host.memo(PHOTO_SOURCE) instanceof Integer i ? i : PHOTO_FILE;
        Combo source = Ui.combo(page, CaseIds.PHOTO_SOURCE, m.photo_source, m.photo_sourceFile, m.photo_sourceCamera);
        source.select(sourceIndex);
        Label sourceStatus = Ui.id(Ui.label(page, ""), CaseIds.PHOTO_SOURCE_STATUS);
        CameraPreview camera = host.memo(CAMERA) instanceof CameraPreview c ? c : null;
        if (sourceIndex == PHOTO_CAMERA) {
            if (camera != null) {
                sourceStatus.setText(m.photo_cameraLive);
            } else if (host.memo(CAMERA_PROBLEM) instanceof String problem) {
                sourceStatus.setText(problem);
            } else {
                sourceStatus.setText(m.photo_cameraSearching);
                openCamera(page, host);
            }
        }
        source.addListener(SWT.Selection, e -> {
            host.memo(PHOTO_SOURCE, source.getSelectionIndex());
            host.close(CAMERA);
            host.memo(CAMERA_PROBLEM, null);
            host.memo(CAMERA_FRAME, null);
            host.refresh(); // the camera is opened when the screen is drawn with it chosen
        });

        Composite row = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 0).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);

        List<Attempt> attempts = g.photoAttempts(family.id());
        Optional<Attempt> best = g.bestPhoto(family.id());
        Optional<Attempt> chosen = g.chosenPhoto(family.id());
        PhotoSpec spec = g.photoSpec(family.id());
        Canvas guide = Ui.id(new Canvas(row, SWT.BORDER | SWT.DOUBLE_BUFFERED), CaseIds.PHOTO_GUIDE);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).hint(GUIDE_WIDTH, GUIDE_HEIGHT).applyTo(guide);
        host.memo(PHOTO_GUIDE_CANVAS, guide);
        byte[] jpeg = chosen.flatMap(a -> a.assessment().jpeg()).orElse(null);
        Image picture = jpeg == null ? null : new Image(guide.getDisplay(), new ImageData(new ByteArrayInputStream(jpeg)));
        guide.addDisposeListener(e -> {
            if (picture != null) {
                picture.dispose();
            }
        });
        guide.addPaintListener(e -> {
            org.eclipse.swt.graphics.Rectangle area = guide.getClientArea();
            ImageData frame = sourceIndex == PHOTO_CAMERA && host.memo(CAMERA_FRAME) instanceof ImageData d ? d : null;
            if (frame != null) {
                Image live = new Image(guide.getDisplay(), frame);
                try {
                    e.gc.drawImage(live, 0, 0, frame.width, frame.height, 0, 0, area.width, area.height);
                } finally {
                    live.dispose();
                }
            } else if (picture != null) {
                e.gc.drawImage(picture, 0, 0, picture.getBounds().width, picture.getBounds().height, 0, 0, area.width,
                        area.height);
            } else {
                e.gc.drawText(m.photo_none, 8, 8);
            }
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
        what.setWidth(300);
        TableColumn why = new TableColumn(table, SWT.LEFT);
        why.setWidth(640);
        Font bold = boldOf(table);
        for (Attempt a : attempts) {
            TableItem head = new TableItem(table, SWT.NONE);
            boolean isBest = best.filter(b -> b.number() == a.number()).isPresent();
            String marks = (isBest ? " " + m.photo_best : "")
                    + (g.photoAccepted(family.id()) && chosen.filter(c -> c.number() == a.number()).isPresent()
                            ? " " + m.photo_chosen : "");
            head.setText(new String[] { CasesMessages.format(m.photo_attempt, a.number()) + marks,
                    (a.assessment().passed() ? m.photo_passed : m.photo_failed) + " · "
                            + CasesMessages.format(m.photo_score, String.format("%.2f", a.assessment().score())) });
            head.setData(a.number());
            if (isBest) {
                // the best attempt stands out: a light background and bold text, never smaller than 14 pt
                head.setBackground(table.getDisplay().getSystemColor(SWT.COLOR_INFO_BACKGROUND));
                head.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_INFO_FOREGROUND));
                head.setFont(bold);
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
        Ui.id(Ui.label(side, attempts.isEmpty() ? ""
                : g.photoAccepted(family.id()) ? m.photo_settled
                        : CasesMessages.format(m.photo_attemptsLeft, PhotoSession.MAX_ATTEMPTS - attempts.size())),
                CaseIds.PHOTO_STATE);
        Composite buttons = new Composite(side, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(1).applyTo(buttons);
        org.eclipse.swt.widgets.Button take = Ui.button(buttons, CaseIds.PHOTO_IMPORT,
                sourceIndex == PHOTO_CAMERA ? m.photo_takeCamera : m.photo_import, () -> {
                    if (sourceIndex == PHOTO_CAMERA) {
                        if (host.memo(CAMERA) instanceof CameraPreview live) {
                            PhotoSource shot = live.snapshot();
                            host.background(() -> g.takePhoto(family.id(), shot), attempt -> host.refresh());
                        }
                        return;
                    }
                    host.files().open(page.getShell(), "*.jpg;*.jpeg;*.png", m.files_images).ifPresent(file -> host
                            .background(() -> g.takePhoto(family.id(), new FileImportSource(file, ImageLimits.DEFAULT)),
                                    attempt -> host.refresh()));
                });
        take.setEnabled(g.canTakePhoto(family.id()) && (sourceIndex == PHOTO_FILE || camera != null));
        Text reason = Ui.field(side, CaseIds.PHOTO_REASON, m.photo_reason, null);
        Ui.button(side, CaseIds.PHOTO_KEEP, m.photo_keep, () -> {
            int i = table.getSelectionIndex();
            Integer number = i < 0 ? best.map(Attempt::number).orElse(null) : (Integer) table.getItem(i).getData();
            if (number == null) {
                host.say(m.photo_selectAttempt);
                return;
            }
            try {
                g.choosePhoto(family.id(), number, reason.getText());
                host.memo(PHOTO_FAMILY, null); // on to the next family not yet settled
                host.refresh();
            } catch (org.doorstep.field.FieldException e) {
                host.say(host.explain(e));
            }
        });
    }

    private static final int GUIDE_WIDTH = 236;
    private static final int GUIDE_HEIGHT = 315;

    /** Opens the camera off the UI thread; its frames are drawn under the guide as they come. */
    private static void openCamera(Composite page, GuidedCaseView.Host host) {
        if (host.memo(CAMERA) != null || Boolean.TRUE.equals(host.memo(CAMERA_OPENING))) {
            return;
        }
        host.memo(CAMERA_OPENING, true);
        org.eclipse.swt.widgets.Display display = page.getDisplay();
        host.background(() -> CameraPreview.firstCamera(frame -> {
            ImageData scaled = Frames.scaled(frame, GUIDE_WIDTH, GUIDE_HEIGHT);
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    host.memo(CAMERA_FRAME, scaled);
                    if (host.memo(PHOTO_GUIDE_CANVAS) instanceof Canvas c && !c.isDisposed()) {
                        c.redraw();
                    }
                });
            }
        }), preview -> {
            host.memo(CAMERA_OPENING, null);
            host.memo(CAMERA, preview);
            host.refresh();
        }, e -> {
            host.memo(CAMERA_OPENING, null);
            host.memo(CAMERA_PROBLEM, e instanceof PhotoInputException p ? p.reason(host.locale()) : host.explain(e));
            host.refresh();
        });
    }

    /** A bold font of the table's size, at least 14 pt, disposed with the table. */
    private static Font boldOf(Table table) {
        FontData[] data = table.getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(SWT.BOLD);
            d.setHeight(Math.max(14, d.getHeight()));
        }
        Font bold = new Font(table.getDisplay(), data);
        table.addDisposeListener(e -> bold.dispose());
        return bold;
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

    /** Memo keys of the fingerprint screen. */
    static final String FINGER_SOURCE = "fingerSource";
    static final String SCANNER = "fingerScanner";
    static final String SCANNER_PROBLEM = "fingerScannerProblem";
    static final String SCANNER_SEARCHING = "fingerScannerSearching";
    static final String SCANNER_STREAM = "fingerScannerStream";
    static final String SCANNER_STREAM_PROBLEM = "fingerScannerStreamProblem";
    static final String SCANNER_STREAM_OPENING = "fingerScannerStreamOpening";
    static final String FINGER_FRAME = "fingerFrame";
    static final String FINGER_CANVAS = "fingerCanvas";
    /** Source choices of the fingerprint screen, in the order of its combo. */
    static final int FINGER_SCANNER = 0;
    static final int FINGER_FILE = 1;
    static final int FINGER_SIMULATOR = 2;

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
        int sourceIndex = host.memo(FINGER_SOURCE) instanceof Integer i ? i : FINGER_SCANNER;
        Combo source = Ui.combo(page, CaseIds.FINGER_SOURCE, m.finger_source, m.finger_scanner, m.finger_import,
                m.finger_simulator);
        source.select(sourceIndex);
        source.addListener(SWT.Selection, e -> {
            host.memo(FINGER_SOURCE, source.getSelectionIndex());
            host.refresh();
        });
        Label status = Ui.id(Ui.label(page, ""), CaseIds.FINGER_SOURCE_STATUS);
        SbiDriver scanner = host.memo(SCANNER) instanceof SbiDriver d ? d : null;
        if (sourceIndex == FINGER_SCANNER) {
            if (scanner != null) {
                SbiStream live = host.memo(SCANNER_STREAM) instanceof SbiStream st ? st : null;
                String preview = live != null ? m.finger_livePreview
                        : host.memo(SCANNER_STREAM_PROBLEM) instanceof String problem ? problem : "";
                status.setText(CasesMessages.format(m.finger_scannerConnected, scanner.device().label())
                        + (preview.isEmpty() ? "" : "\n" + preview));
                if (live == null && !(host.memo(SCANNER_STREAM_PROBLEM) instanceof String)) {
                    openStream(page, host, scanner, next.orElse(FingerPosition.RIGHT_INDEX));
                }
            } else if (host.memo(SCANNER_PROBLEM) instanceof String problem) {
                status.setText(problem);
            } else {
                status.setText(m.finger_scannerSearching);
                findScanner(host);
            }
        }
        Label banner = Ui.id(Ui.label(page, m.finger_simulatorBanner), CaseIds.FINGER_SIMULATOR_BANNER);
        banner.setBackground(page.getDisplay().getSystemColor(SWT.COLOR_RED));
        banner.setForeground(page.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        Ui.css(banner, "simulator");
        banner.setVisible(sourceIndex == FINGER_SIMULATOR);
        ((org.eclipse.swt.layout.GridData) banner.getLayoutData()).exclude = sourceIndex != FINGER_SIMULATOR;

        Composite row = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 0).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        // the last image as the source delivered it (a scanner without a live stream shows it after the capture)
        Canvas print = Ui.id(new Canvas(row, SWT.BORDER | SWT.DOUBLE_BUFFERED), CaseIds.FINGER_IMAGE);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).hint(FINGER_BOX, FINGER_BOX).applyTo(print);
        FingerCaptureSession.Attempt last = host.memo(LAST_FINGER) instanceof FingerCaptureSession.Attempt a ? a : null;
        Image printed = last == null ? null
                : new Image(page.getDisplay(), Frames.grey(last.capture().image(), FINGER_BOX));
        print.addDisposeListener(e -> {
            if (printed != null) {
                printed.dispose();
            }
        });
        host.memo(FINGER_CANVAS, print);
        print.addPaintListener(e -> {
            ImageData frame = sourceIndex == FINGER_SCANNER && host.memo(SCANNER_STREAM) != null
                    && host.memo(FINGER_FRAME) instanceof ImageData d ? d : null;
            if (frame != null) {
                // the scanner's live picture: the officer sees the finger placed before capturing
                Image live = new Image(print.getDisplay(), frame);
                try {
                    e.gc.drawImage(live, 0, 0);
                } finally {
                    live.dispose();
                }
            } else if (printed != null) {
                e.gc.drawImage(printed, 0, 0);
            } else {
                e.gc.drawText(sourceIndex == FINGER_SCANNER ? m.finger_noLivePreview : m.finger_noImage, 8, 8, true);
            }
        });
        Composite side = new Composite(row, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 8).applyTo(side);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(side);
        ProgressBar quality = Ui.id(new ProgressBar(side, SWT.HORIZONTAL | SWT.SMOOTH), CaseIds.FINGER_QUALITY);
        quality.setMaximum(100);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 28).applyTo(quality);
        Label result = Ui.id(Ui.label(side, ""), CaseIds.FINGER_RESULT);
        if (last != null) {
            quality.setSelection(last.quality().score());
            quality.setState(last.accepted() ? SWT.NORMAL : SWT.ERROR);
            result.setText(describe(m, host, g, last));
        }
        Ui.label(side, CasesMessages.format(m.finger_kept, keptText(m, host, g)));

        Composite buttons = new Composite(side, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(12, 0).applyTo(buttons);
        org.eclipse.swt.widgets.Button capture = Ui.button(buttons, CaseIds.FINGER_CAPTURE, m.finger_capture, () -> {
            FingerPosition position = next.orElse(null);
            if (position == null) {
                return;
            }
            FingerprintDriver driver;
            boolean ours = true;
            if (sourceIndex == FINGER_SIMULATOR) {
                driver = new SimulatorDriver(System.nanoTime());
            } else if (sourceIndex == FINGER_SCANNER) {
                if (!(host.memo(SCANNER) instanceof SbiDriver connected)) {
                    return;
                }
                driver = connected;
                ours = false; // kept open for the next finger; closed when the officer leaves the step
            } else {
                Optional<Path> file = host.files().open(page.getShell(), "*.png;*.jpg;*.jpeg;*.bmp;*.wsq", m.files_fingers);
                if (file.isEmpty()) {
                    return;
                }
                driver = new ImageImportDriver(p -> file);
            }
            FingerprintDriver used = driver;
            boolean close = ours;
            host.background(() -> {
                try {
                    return g.captureFinger(used, position);
                } finally {
                    if (close) {
                        used.close();
                    }
                }
            }, attempt -> {
                host.memo(LAST_FINGER, attempt);
                host.refresh();
            });
        });
        capture.setEnabled(next.isPresent() && (sourceIndex != FINGER_SCANNER || scanner != null));
        Ui.button(buttons, CaseIds.FINGER_RETRY, m.finger_retry, () -> {
            if (host.memo(LAST_FINGER) instanceof FingerCaptureSession.Attempt a) {
                g.retakeFinger(a.capture().position());
                host.memo(LAST_FINGER, null);
                host.refresh();
                host.say(CasesMessages.format(m.finger_retryDone,
                        FingerprintMessages.position(host.locale(), a.capture().position())));
            }
        }).setEnabled(last != null);
        Ui.button(buttons, CaseIds.FINGER_RESCAN, m.finger_rescan, () -> {
            host.close(SCANNER_STREAM);
            host.memo(SCANNER_STREAM_PROBLEM, null);
            host.memo(FINGER_FRAME, null);
            host.close(SCANNER);
            host.memo(SCANNER_PROBLEM, null);
            host.memo(FINGER_SOURCE, FINGER_SCANNER);
            host.refresh();
        });

        Ui.css(Ui.label(page, m.finger_exception), "heading");
        ExceptionReason[] reasons = ExceptionReason.values();
        String[] reasonTexts = new String[reasons.length];
        for (int i = 0; i < reasons.length; i++) {
            reasonTexts[i] = reasonText(m, reasons[i]);
        }
        Combo reason = Ui.combo(page, CaseIds.FINGER_EXCEPTION_REASON, m.finger_exceptionReason, reasonTexts);
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
                    String written = note.getText();
                    host.background(() -> {
                        g.recordFingerException(position, r, written, hand);
                        return position;
                    }, p -> {
                        host.memo(LAST_FINGER, null);
                        host.refresh();
                        host.say(CasesMessages.format(m.finger_exceptionRecorded,
                                FingerprintMessages.position(host.locale(), p), reasonText(m, r)));
                    });
                });
        except.setEnabled(next.isPresent());
    }

    private static final int FINGER_BOX = 260;

    /** Looks for a scanner behind its SBI service on 127.0.0.1 (ports 4501–4600), off the UI thread. */
    private static void findScanner(GuidedCaseView.Host host) {
        if (Boolean.TRUE.equals(host.memo(SCANNER_SEARCHING))) {
            return;
        }
        host.memo(SCANNER_SEARCHING, true);
        host.background(() -> SbiDriver.connect(SbiOptions.DEFAULT), driver -> {
            host.memo(SCANNER_SEARCHING, null);
            host.memo(SCANNER, driver);
            host.refresh();
        }, e -> {
            host.memo(SCANNER_SEARCHING, null);
            String why = e instanceof FingerprintException f ? f.message(host.locale()) : host.explain(e);
            host.memo(SCANNER_PROBLEM, CasesMessages.format(host.messages().finger_scannerNone, why));
            host.refresh();
        });
    }

    /**
     * Opens the scanner's live preview (SBI STREAM) off the UI thread; its frames are decoded on the stream's thread
     * and drawn in the print box as they come. A scanner without one says so beside its name.
     */
    private static void openStream(Composite page, GuidedCaseView.Host host, SbiDriver scanner, FingerPosition position) {
        if (Boolean.TRUE.equals(host.memo(SCANNER_STREAM_OPENING))) {
            return;
        }
        host.memo(SCANNER_STREAM_OPENING, true);
        org.eclipse.swt.widgets.Display display = page.getDisplay();
        host.background(() -> scanner.stream(position, jpeg -> {
            ImageData frame = fitted(new ImageData(new ByteArrayInputStream(jpeg)), FINGER_BOX);
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    host.memo(FINGER_FRAME, frame);
                    if (host.memo(FINGER_CANVAS) instanceof Canvas c && !c.isDisposed()) {
                        c.redraw();
                    }
                });
            }
        }), stream -> {
            host.memo(SCANNER_STREAM_OPENING, null);
            host.memo(SCANNER_STREAM, stream);
            host.refresh();
        }, e -> {
            host.memo(SCANNER_STREAM_OPENING, null);
            host.memo(SCANNER_STREAM_PROBLEM, e instanceof FingerprintException f ? f.message(host.locale())
                    : host.explain(e));
            host.refresh();
        });
    }

    /** A frame scaled to fit a box of {@code box} pixels, keeping its proportions. */
    private static ImageData fitted(ImageData d, int box) {
        double scale = Math.min((double) box / d.width, (double) box / d.height);
        return d.scaledTo(Math.max(1, (int) (d.width * scale)), Math.max(1, (int) (d.height * scale)));
    }

    /** The fingers kept and excepted so far, for the line under the quality bar. */
    private static String keptText(CasesMessages m, GuidedCaseView.Host host, GuidedCase g) {
        List<String> parts = new java.util.ArrayList<>();
        for (FingerCaptureSession.Kept k : g.keptFingers()) {
            parts.add(CasesMessages.format(m.finger_keptOne, FingerprintMessages.position(host.locale(),
                    k.capture().position()), k.quality().score()));
        }
        g.fingerExceptions().forEach((p, r) -> parts.add(CasesMessages.format(m.finger_exceptedOne,
                FingerprintMessages.position(host.locale(), p), reasonText(m, r))));
        return parts.isEmpty() ? m.finger_none : String.join("、", parts);
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
