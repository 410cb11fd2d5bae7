package org.doorstep.ui.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.doorstep.ui.internal.cases.FileChooser;
import org.eclipse.swt.widgets.Shell;

/**
 * The shared test images copied into a folder of the test's own, and a {@link FileChooser} that answers the screens'
 * "choose a file" with the one the test names next (a native file dialog cannot be driven by SWT events). It counts
 * the files chosen: in the product each is a choice in the system's dialog, reported beside the officer actions.
 */
final class TestFiles implements FileChooser {

    static final List<String> IMAGES = List.of("obama.jpg", "biden.jpg", "probe.png", "matching.png", "nonmatching.png",
            "scan-id-card.pdf");

    private final Path folder;
    private final List<String> chosen = new ArrayList<>();
    private String next;

    TestFiles(Path folder) throws IOException {
        this.folder = folder;
        for (String name : IMAGES) {
            try (InputStream in = TestFiles.class.getResourceAsStream("testdata/" + name)) {
                Files.copy(in, folder.resolve(name));
            }
        }
    }

    /** The file the next "choose a file" gets. */
    TestFiles answer(String name) {
        next = name;
        return this;
    }

    Path path(String name) {
        return folder.resolve(name);
    }

    /** How many files were chosen (opened or saved) so far. */
    int chosen() {
        return chosen.size();
    }

    @Override
    public Optional<Path> open(Shell shell, String extensions, String description) {
        if (next == null) {
            throw new AssertionError("the screen asked for a file the test did not name");
        }
        chosen.add(next);
        return Optional.of(folder.resolve(next));
    }

    @Override
    public Optional<Path> save(Shell shell, String suggested, String extensions, String description) {
        chosen.add(suggested);
        return Optional.of(folder.resolve(suggested));
    }
}
