package org.doorstep.fingerprint;

/** What a driver is, for the capture screen: its name, its kind, and the resolution it delivers. */
public record DriverInfo(String name, SourceKind kind, int ppi) {
}
