package org.doorstep.fingerprint;

/** Two captures, said to be of different fingers, that look like the same finger. */
public record SameFingerPair(FingerCapture first, FingerCapture second, double score) {
}
