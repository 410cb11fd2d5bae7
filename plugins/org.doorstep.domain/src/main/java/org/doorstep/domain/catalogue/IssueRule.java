package org.doorstep.domain.catalogue;

import java.math.BigDecimal;

import org.doorstep.domain.Issue;
import org.doorstep.domain.LocalizedText;

/**
 * An issue a document type offers: its name for this type (换发 for a passport, 换领 for an ID card), its fee
 * and what is said about the previous document.
 */
public record IssueRule(Issue issue, LocalizedText name, BigDecimal fee, PriorDocumentRule prior) {
}
