package org.doorstep.hq.admin;

/**
 * What a revocation did.
 *
 * @param certificates    certificates revoked now (ingest refuses the device's next packet from this moment)
 * @param crlPublished    whether the HQ service pushed the new CRL to the broker within the wait, so that the
 *                        laptop's next connection is refused; false means it is still to come (the service was not
 *                        running or busy), and the board shows it
 * @param command         the REVOKE command queued for the laptop (it stops sealing and sending if it gets it)
 */
public record RevocationResult(String deviceId, int certificates, boolean crlPublished, CommandView command) {
}
