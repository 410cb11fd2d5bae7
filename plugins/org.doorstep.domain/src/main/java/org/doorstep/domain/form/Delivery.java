package org.doorstep.domain.form;

import org.doorstep.domain.DeliveryMethod;

/** How the documents reach the applicant; an address only for postal delivery. */
public record Delivery(DeliveryMethod method, PostalAddress address) {
}
