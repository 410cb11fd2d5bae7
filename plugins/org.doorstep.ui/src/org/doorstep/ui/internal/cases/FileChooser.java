package org.doorstep.ui.internal.cases;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * How the capture screens ask the officer for a file (a photo, a fingerprint image, a scan) or where to save the
 * notice: the system's file dialog in the product. Put another one into the e4 context to replace it (the UI tests
 * answer with their own test images, since a native dialog cannot be driven by SWT events).
 */
public interface FileChooser {

    /** A file to read; empty when the officer cancels. */
    Optional<Path> open(Shell shell, String extensions, String description);

    /** Where to write a file, {@code suggested} as the name; empty when the officer cancels. */
    Optional<Path> save(Shell shell, String suggested, String extensions, String description);

    /** The system's file dialog. */
    FileChooser SYSTEM = new FileChooser() {
        @Override
        public Optional<Path> open(Shell shell, String extensions, String description) {
            FileDialog dialog = new FileDialog(shell, SWT.OPEN);
            dialog.setFilterExtensions(new String[] { extensions });
            dialog.setFilterNames(new String[] { description });
            return Optional.ofNullable(dialog.open()).map(Path::of);
        }

        @Override
        public Optional<Path> save(Shell shell, String suggested, String extensions, String description) {
            FileDialog dialog = new FileDialog(shell, SWT.SAVE);
            dialog.setFilterExtensions(new String[] { extensions });
            dialog.setFilterNames(new String[] { description });
            dialog.setFileName(suggested);
            dialog.setOverwrite(true);
            return Optional.ofNullable(dialog.open()).map(Path::of);
        }
    };
}
