package org.doorstep.hq.console.internal.signin;

import org.doorstep.hq.console.internal.ConsoleAddon;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * An empty tool control in the main window's status trim whose only job is to hand the window's shell to the
 * {@link ConsoleAddon} as the window is rendered, so that the sign-in screen covers the window before anything of
 * HQ can show (without depending on the event admin's widget events, which a JVM that ran several workbenches stopped
 * delivering in the field product's tests).
 */
public class SignInAnchor {

    @Inject
    @Optional
    private ConsoleAddon addon;

    @PostConstruct
    public void createControls(Composite parent) {
        Label anchor = new Label(parent, SWT.NONE); // a tool control must create a widget; this one is empty
        anchor.setSize(0, 0);
        if (addon != null) {
            addon.attach(parent.getShell());
        }
    }
}
