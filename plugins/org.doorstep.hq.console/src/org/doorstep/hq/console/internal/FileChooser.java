package org.doorstep.hq.console.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Where the console asks where to save an export: the system's file dialog in the product. Put another one into the
 * application's e4 context to replace it (the UI tests answer with a path of their own, since a native dialog cannot
 * be driven by SWT events). Looked up at each use.
 */
public interface FileChooser {

    /** Where to write a file, {@code suggested} as the name; empty when the administrator cancels. */
    Optional<Path> save(Shell shell, String suggested, String extension, String description);

    /** The system's file dialog. */
    FileChooser SYSTEM = (shell, suggested, extension, description) -> {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setFilterExtensions(new String[] { extension });
        dialog.setFilterNames(new String[] { description });
        dialog.setFileName(suggested);
        dialog.setOverwrite(true);
        return Optional.ofNullable(dialog.open()).map(Path::of);
    };
}
