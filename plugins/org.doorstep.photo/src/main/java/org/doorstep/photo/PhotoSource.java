package org.doorstep.photo;

import java.awt.image.BufferedImage;

/** Where a picture comes from: a file the officer imports, or a camera. */
public interface PhotoSource {

    /** One picture, decoded; a reason for the officer when there is none. */
    BufferedImage acquire() throws PhotoInputException;
}
