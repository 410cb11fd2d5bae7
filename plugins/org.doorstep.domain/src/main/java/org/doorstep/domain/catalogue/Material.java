package org.doorstep.domain.catalogue;

import java.util.Optional;

import org.doorstep.domain.LocalizedText;

/**
 * Something the applicant shows or hands in (an original to scan, a certificate, an old document).
 *
 * @param id          e.g. {@code household-register}
 * @param name        as printed on the one-time notice
 * @param hint        what counts, e.g. "原件；复印件无效", if anything needs saying
 * @param scope       once per case or once per application
 * @param pendingDays days to hand it in when accepted pending, if not the catalogue's default
 */
public record Material(String id, LocalizedText name, Optional<LocalizedText> hint, Scope scope,
        Optional<Integer> pendingDays) {
}
