package org.doorstep.ui.internal.vault;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * An empty tool control in the main window's status trim whose only job is to hand the window's shell to the
 * {@link LockScreenAddon} as the window is rendered. With it the lock screen goes up even when the widget event
 * the addon also listens to is not delivered: the officer must never see the work area of a locked laptop.
 */
public class LockScreenAnchor {

    @Inject
    @Optional
    private LockScreenAddon addon;

    @PostConstruct
    public void createControls(Composite parent) {
        Label anchor = new Label(parent, SWT.NONE); // a tool control must create a widget; this one is empty
        anchor.setSize(0, 0);
        if (addon != null) {
            addon.attach(parent.getShell());
        }
    }
}
