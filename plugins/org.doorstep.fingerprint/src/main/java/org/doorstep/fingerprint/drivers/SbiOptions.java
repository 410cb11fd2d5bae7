package org.doorstep.fingerprint.drivers;

import java.time.Duration;

/**
 * Settings of the SBI client. The host is always 127.0.0.1 and cannot be set: a device service elsewhere on the
 * network is not the scanner in front of the officer.
 *
 * @param firstPort         first port searched; SBI services listen on 4501–4600
 * @param lastPort          last port searched
 * @param discoveryTimeout  how long each port has to answer discovery (all are asked at once); default 1.5 s
 * @param requestTimeout    how long device info may take; default 5 s
 * @param captureMargin     added to the capture timeout for the answer to arrive; default 5 s
 * @param maxAnswerBytes    larger answers are refused; default 16 MiB (a 1000 ppi slap as PNG is about 4 MiB)
 * @param env               the SBI "env" sent with captures; default "Developer"
 * @param requestedScore    the quality the device is asked to aim for (SBI "requestedScore"), 0–100; default 40
 * @param checkHashChain    check each capture's SBI hash chain (see {@link SbiDriver}); default true
 */
public record SbiOptions(int firstPort, int lastPort, Duration discoveryTimeout, Duration requestTimeout,
        Duration captureMargin, int maxAnswerBytes, String env, int requestedScore, boolean checkHashChain) {

    public static final int FIRST_PORT = 4501;
    public static final int LAST_PORT = 4600;
    public static final SbiOptions DEFAULT = new SbiOptions(FIRST_PORT, LAST_PORT, Duration.ofMillis(1500),
            Duration.ofSeconds(5), Duration.ofSeconds(5), 16 * 1024 * 1024, "Developer", 40, true);

    public SbiOptions {
        if (firstPort < 1024 || lastPort > 65535 || firstPort > lastPort || lastPort - firstPort > 1000) {
            throw new IllegalArgumentException("SBI ports " + firstPort + "–" + lastPort + " are not a usable range");
        }
        for (Duration d : new Duration[] { discoveryTimeout, requestTimeout, captureMargin }) {
            if (d == null || d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("SBI timeouts must be between 0 and 5 minutes, not " + d);
            }
        }
        if (maxAnswerBytes < 64 * 1024) {
            throw new IllegalArgumentException("SBI answers must be allowed at least 64 KiB, not " + maxAnswerBytes);
        }
        if (env == null || env.isBlank()) {
            throw new IllegalArgumentException("SBI env must be named");
        }
        if (requestedScore < 0 || requestedScore > 100) {
            throw new IllegalArgumentException("SBI requested score must be 0–100, not " + requestedScore);
        }
    }
}
