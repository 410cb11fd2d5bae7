package org.doorstep.photo;

/** The checks made on every attempt, in the order they are reported. */
public enum CheckId {
    /** Enough pixels for the document without enlarging more than a little. */
    RESOLUTION,
    /** Exactly one face. */
    FACE_COUNT,
    /** The face looks straight at the camera: both eyes found, head not tilted or turned. */
    FRONTAL,
    /** Chin-to-crown height and head width on the finished photo. */
    HEAD_SIZE,
    /** Head centred, space above the crown, eye line. */
    HEAD_POSITION,
    /** Background plain and as light (or white) as the document asks. */
    BACKGROUND,
    /** Face neither too dark nor too bright, no clipped highlights or shadows. */
    EXPOSURE,
    /** Face in focus, not blurred by movement. */
    SHARPNESS,
    /** The JPEG file is within the document's size range. */
    JPEG_SIZE
}
