package org.doorstep.fingerprint;

/** Where a finger image came from; travels with every capture and into every record made of it. */
public enum SourceKind {
    /** A scanner reached through its device service (SBI). */
    REAL,
    /** A file the officer imported (PNG, JPEG, BMP, WSQ). */
    IMPORT,
    /** Made up by the simulator for demonstrations and training; never evidence of anyone's finger. */
    SIMULATED
}
