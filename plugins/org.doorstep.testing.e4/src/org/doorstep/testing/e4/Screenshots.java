package org.doorstep.testing.e4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Shell;

/** Saves what is on the screen inside a shell as a PNG for a person to look at. */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path folder() throws IOException {
        Path folder = Path.of(System.getProperty("doorstep.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        return folder;
    }

    /**
     * Paints the shell into an image (independent of where it sits on the screen and of what covers it);
     * returns the image data so tests can inspect it.
     */
    public static ImageData capture(Shell shell, String name) throws IOException {
        // let pending layouts and repaints happen first, so the picture shows the state the test just checked
        shell.layout(true, true);
        shell.update();
        while (shell.getDisplay().readAndDispatch()) {
            // drain
        }
        Point size = shell.getSize();
        Image image = new Image(shell.getDisplay(), size.x, size.y);
        GC gc = new GC(image);
        try {
            if (!shell.print(gc)) {
                throw new AssertionError("this platform cannot paint the shell into an image");
            }
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(folder().resolve(name + ".png").toString(), SWT.IMAGE_PNG);
            return data;
        } finally {
            image.dispose();
        }
    }

    /** Number of distinct colours, sampled on a grid: an unpainted or blank window has one or two. */
    public static int distinctColours(ImageData data) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < data.height; y += 3) {
            for (int x = 0; x < data.width; x += 3) {
                colours.add(data.getPixel(x, y));
            }
        }
        return colours.size();
    }
}
