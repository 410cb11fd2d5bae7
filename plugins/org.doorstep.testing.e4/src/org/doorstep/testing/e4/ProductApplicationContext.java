package org.doorstep.testing.e4;

import java.util.Map;

import org.eclipse.core.runtime.IProduct;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;

/**
 * The application context the E4 application would get when started as the product the test runtime was started with
 * ({@code -product}, set by each test bundle's tycho-surefire configuration): no command line arguments, branding
 * (application model, CSS, ...) from that product, so the test sees the same model and properties as the shipped
 * product.
 */
public final class ProductApplicationContext implements IApplicationContext {

    private final IProduct product;

    public ProductApplicationContext() {
        product = Platform.getProduct();
        if (product == null) {
            throw new IllegalStateException(
                    "the test runtime was started without -product (the tycho-surefire configuration names it)");
        }
    }

    @Override
    public Map<String, Object> getArguments() {
        return Map.of(APPLICATION_ARGS, new String[0]);
    }

    @Override
    public void applicationRunning() {
        // no splash screen to take down
    }

    @Override
    public String getBrandingApplication() {
        return product.getApplication();
    }

    @Override
    public String getBrandingName() {
        return product.getName();
    }

    @Override
    public String getBrandingDescription() {
        return product.getDescription();
    }

    @Override
    public String getBrandingId() {
        return product.getId();
    }

    @Override
    public String getBrandingProperty(String key) {
        return product.getProperty(key);
    }

    @Override
    public Bundle getBrandingBundle() {
        return product.getDefiningBundle();
    }

    @Override
    public void setResult(Object result, IApplication application) {
        // the test reads results from the widgets, not from the application
    }
}
