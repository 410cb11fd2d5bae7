package org.doorstep.hq.console.internal.parts;

import java.util.EnumMap;
import java.util.Map;

import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceState;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleAddon;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.model.Formats;
import org.doorstep.hq.console.internal.Ui;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The left-hand navigation: one large button per work area (Tab and Space/Enter, or Ctrl+1..8 from anywhere, by the
 * key bindings of the application model); the area on top stays pressed. Counts that need attention are on the
 * buttons (devices revoked or waiting for a wipe, cases to review, rejected packets). Below: who is signed in and in
 * which role, sign out, and the high-contrast theme.
 */
public class NavigationPart {

    public static final String DEFAULT_THEME = "org.doorstep.hq.console.theme.default";
    public static final String HIGH_CONTRAST_THEME = "org.doorstep.hq.console.theme.highContrast";
    private static final int BUTTON_HEIGHT = 56;

    @Inject
    @Translation
    private ConsoleMessages m;

    @Inject
    private EPartService parts;

    @Inject
    private UISynchronize ui;

    @Inject
    @Optional
    private IThemeEngine themes;

    @Inject
    @Optional
    private ConsoleAddon addon;

    private final Map<Area, Button> buttons = new EnumMap<>(Area.class);
    private Label user;
    private Button signOut;
    private AdminSession session;
    private DeviceBoard board;
    private Formats formats;

    @PostConstruct
    public void create(Composite parent) {
        formats = new Formats(m, java.util.Locale.getDefault(), java.time.ZoneId.systemDefault());
        Ui.id(parent, ConsoleIds.NAVIGATION);
        GridLayoutFactory.fillDefaults().margins(12, 12).spacing(0, 8).applyTo(parent);
        for (Area area : Area.values()) {
            Button b = Ui.css(Ui.id(new Button(parent, SWT.TOGGLE), area.navigationId()), "navigation");
            b.addListener(SWT.Selection, e -> {
                AreaNavigator.show(parts, area);
                markSelected(area);
            });
            GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, BUTTON_HEIGHT).applyTo(b);
            buttons.put(area, b);
        }
        GridDataFactory.fillDefaults().grab(true, true).applyTo(new Label(parent, SWT.NONE));
        user = Ui.paragraph(parent, ConsoleIds.NAV_USER, "");
        signOut = Ui.button(parent, ConsoleIds.NAV_SIGN_OUT, m.nav_signOut, () -> {
            if (addon != null) {
                addon.signOut();
            }
        });
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, Ui.TARGET).applyTo(signOut);
        Button contrast = Ui.id(new Button(parent, SWT.CHECK), ConsoleIds.NAV_HIGH_CONTRAST);
        contrast.setText(m.nav_highContrast);
        contrast.setSelection(themes != null && themes.getActiveTheme() != null
                && HIGH_CONTRAST_THEME.equals(themes.getActiveTheme().getId()));
        contrast.addListener(SWT.Selection, e -> {
            if (themes != null) {
                themes.setTheme(contrast.getSelection() ? HIGH_CONTRAST_THEME : DEFAULT_THEME, true);
                if (addon != null) {
                    addon.themeChanged();
                }
            }
        });
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, Ui.TARGET).applyTo(contrast);
        relabel();
        markSelected(Area.DEVICES);
    }

    @Inject
    public void session(@Optional AdminSession s) {
        session = s;
        if (user != null && !user.isDisposed()) {
            relabel();
        }
    }

    @Inject
    public void board(@Optional DeviceBoard b) {
        board = b;
        if (user != null && !user.isDisposed()) {
            relabel();
        }
    }

    /** Keeps the pressed button in step with the area on top, however it got there (keys, the board's details). */
    @Inject
    public void activePart(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        if (part != null && !buttons.isEmpty()) {
            ui.asyncExec(() -> Area.byPartId(part.getElementId()).ifPresent(this::markSelected));
        }
    }

    private void relabel() {
        buttons.forEach((area, b) -> {
            String name = name(area);
            if (area == Area.DEVICES && board != null) {
                long attention = board.devices().stream().filter(d -> d.state() == DeviceState.WIPE_PENDING).count();
                if (attention > 0) {
                    name = formats.format(m.nav_withCount, name, attention);
                }
            }
            b.setText(formats.format(m.nav_withKey, name, area.key()));
        });
        user.setText(session == null ? "" : formats.format(m.nav_user, session.displayName(), session.userId(),
                formats.role(session.role())));
        user.getParent().layout(true, true);
    }

    private String name(Area area) {
        return switch (area) {
            case DEVICES -> m.area_devices;
            case DEVICE -> m.area_device;
            case CASES -> m.area_cases;
            case REVIEW -> m.area_review;
            case REJECTS -> m.area_rejects;
            case AUDIT -> m.area_audit;
            case REPORTS -> m.area_reports;
            case USERS -> m.area_users;
        };
    }

    private void markSelected(Area selected) {
        buttons.forEach((area, b) -> {
            if (!b.isDisposed()) {
                b.setSelection(area == selected);
            }
        });
    }

    @Focus
    public void focus() {
        Button b = buttons.get(Area.DEVICES);
        if (b != null && !b.isDisposed()) {
            b.setFocus();
        }
    }
}
