package org.doorstep.domain.form;

import org.doorstep.domain.ReliefBasis;

/** Fee relief asked for, with the scan of the certificate that grants it. */
public record FeeRelief(ReliefBasis basis, String evidence) {
}
