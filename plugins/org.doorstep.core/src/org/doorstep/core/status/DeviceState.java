package org.doorstep.core.status;

/** Where the laptop's vault stands, as the status line shows it. */
public enum DeviceState {
    /** First start: no device set up and no officer enrolled yet. */
    NOT_ENROLLED,
    /** Set up, waiting for an enrolled officer to unlock. */
    LOCKED,
    /** An officer has unlocked the vault. */
    UNLOCKED,
    /** Too many failed unlock attempts; only HQ or a support officer can help. */
    LOCKED_OUT,
    /** Keys destroyed (remote wipe or lock-out policy); nothing on the disk can be read. */
    WIPED
}
