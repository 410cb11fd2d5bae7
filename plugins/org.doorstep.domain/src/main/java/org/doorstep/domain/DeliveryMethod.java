package org.doorstep.domain;

/** How the finished documents reach the applicant. */
public enum DeliveryMethod implements Vocabulary {
    /** Collected at the office (by the applicant or someone authorised). */
    COLLECT,
    /** Sent by postal express (邮政速递) to an address. */
    POSTAL
}
