package org.doorstep.cli;

/** What {@code --help} prints: an overview, and one page per command. */
final class Usage {

    static final String OVERVIEW = """
            Doorstep command line, for support staff and automation.

            usage: doorstep-cli COMMAND [OPTIONS]      (doorstep-cli COMMAND --help for one command)

              setup    set this laptop up: device name, crypto suite, first officer
              enrol    enrol another officer (an officer already enrolled unlocks)
              import   import a case from a JSON file and its image files
              list     list the cases with their states
              verify   check the audit trail
              status   device, officers, vault state (no passphrase needed)
              wipe     destroy every key and case on this laptop (no passphrase needed)

              sync-enrol  enrol this laptop with HQ (one-time code and HQ's CA fingerprint)
              seal        seal a case into a packet for HQ (a draft is completed first)
              sync        connect to HQ, send the outbox, take receipts and commands, then stop
              export      copy every waiting packet to a folder (removable media)
              receipts    apply HQ's signed answers brought back on removable media

              id-check      check an identity number (GB 11643): birth date, age, gender, region
              checklist     check a case file as import does and print its checklist, fees and
                            captures; write the one-time notice
              photo-check   check a photo against the exit-entry or ID-card rules, crop it
              finger-score  score a fingerprint image, and check two images are not the same finger

            The commands above the blank line work on the vault; those below need none and store nothing.

            The vault's commands take --data DIR, the data folder; default $DOORSTEP_DATA, else
            ~/.doorstep (the field product's default).

            Passphrases are never arguments. They come from the environment variable DOORSTEP_PASSPHRASE
            (DOORSTEP_NEW_PASSPHRASE for an officer being enrolled), else from the terminal without echo,
            else one per line from standard input (UTF-8).

            Exit codes: 0 done; 1 bad usage or input; 2 refused (wrong passphrase, wait, locked out);
            3 audit trail broken; 4 storage error (disk, key file, database); 5 internal error.
            A failure prints one line starting with "doorstep: " on standard error and changes nothing
            stored (a wrong passphrase is counted, as it is in the product).
            """;

    static final String SYNC_ENROL = """
            usage: doorstep-cli sync-enrol --hq URL --code CODE --ca FINGERPRINT --as OFFICER_ID [--data DIR]

            Enrols this laptop with HQ: makes a certificate request from the vault's device key that
            proves the one-time code, sends it to HQ's enrolment address, and installs HQ's answer only if
            its CA has the fingerprint the administrator gave with the code. The device id is the
            laptop's name (from setup); HQ issues the code for that name.

              --hq URL           HQ's enrolment address, e.g. http://127.0.0.1:8470/v1/enrol
              --code CODE        the one-time code (groups of letters and digits; case does not matter)
              --ca FINGERPRINT   SHA256:AB:CD:… as HQ printed it
            """;

    static final String SEAL = """
            usage: doorstep-cli seal CASE_ID --as OFFICER_ID [--data DIR]

            Seals one case (signed with the device key, encrypted to HQ) into the outbox folder of the
            data folder. A draft is marked complete first. Refused when the laptop is not enrolled or HQ
            revoked it; the case then stays as it was.
            """;

    static final String SYNC = """
            usage: doorstep-cli sync --as OFFICER_ID [--wait SECONDS] [--data DIR]

            Connects to the broker named at enrolment (mutual TLS), sends every waiting packet (urgent
            first, then oldest), carries out HQ's commands, and shreds each case when HQ's signed receipt
            arrives. Prints the progress; stops when the outbox is empty (exit 0) or after --wait seconds
            (default 120; exit 4, the rest stays in the outbox).
            """;

    static final String EXPORT = """
            usage: doorstep-cli export FOLDER --as OFFICER_ID [--data DIR]

            Copies every packet waiting for HQ into a new folder doorstep-export-<device>-<time> under
            FOLDER (a USB stick, say), with an index. The packets stay in the outbox until HQ's receipts
            come back, over the network or with 'receipts'.
            """;

    static final String RECEIPTS = """
            usage: doorstep-cli receipts FOLDER --as OFFICER_ID [--data DIR]

            Applies HQ's answers that HQ wrote beside an imported export (doorstep-export-*/receipts/):
            each is checked against HQ's signing key; a receipt shreds its case, a rejection puts HQ's
            reason on the case. Anything not signed by HQ is ignored and reported.
            """;

    static final String SETUP = """
            usage: doorstep-cli setup --device NAME --suite intl|gm --officer ID --name NAME [--data DIR]

            Sets this laptop up: creates the data folder (owner only), the key file, the encrypted
            database and the device key, and enrols the first officer. Refused when the folder already
            holds a vault.

              --device NAME   the laptop's name in the product and the audit trail (1-64 characters)
              --suite SUITE   intl (AES-256-GCM, SHA-256, ECDSA P-256) or gm (SM4-GCM, SM3, SM2),
                              chosen once per deployment
              --officer ID    the first officer's police number (1-32 of A-Z a-z 0-9 _ -)
              --name NAME     the first officer's name (1-64 characters)

            The passphrase (at least 10 characters) comes from DOORSTEP_PASSPHRASE when set (it counts as
            typed twice); else it is asked twice on the terminal; else standard input gives it on the
            first line and its repetition on the second.

            example:
              printf '%s\\n%s\\n' "$PASS" "$PASS" |
                doorstep-cli setup --device FIELD-07 --suite gm --officer J10023 --name 王警官
            """;

    static final String ENROL = """
            usage: doorstep-cli enrol --officer ID --name NAME --as OFFICER_ID [--data DIR]

            Enrols another officer on this laptop. An officer already enrolled (--as) unlocks the vault.

              --officer ID       the new officer's police number (1-32 of A-Z a-z 0-9 _ -)
              --name NAME        the new officer's name (1-64 characters)
              --as OFFICER_ID    the enrolled officer who unlocks

            Passphrases, in this order:
              1. of the unlocking officer: DOORSTEP_PASSPHRASE, else asked on the terminal, else the next
                 line of standard input;
              2. the new officer's (at least 10 characters): DOORSTEP_NEW_PASSPHRASE (counts as typed
                 twice), else asked twice on the terminal, else the next two lines of standard input.
            With neither variable set, standard input is: unlocking passphrase, new passphrase, new
            passphrase again.

            examples:
              printf '%s\\n%s\\n%s\\n' "$PASS" "$NEW" "$NEW" | doorstep-cli enrol --officer J20077 --name 李警官 --as J10023
              DOORSTEP_PASSPHRASE=$PASS DOORSTEP_NEW_PASSPHRASE=$NEW doorstep-cli enrol --officer J20077 --name 李警官 --as J10023
            """;

    static final String IMPORT = """
            usage: doorstep-cli import CASE.json --as OFFICER_ID [--data DIR]

            Imports one case as a draft and prints its id. The case file and every file it names are
            checked before the vault is unlocked, exactly as 'doorstep-cli checklist' checks them; then
            the case is stored in one transaction: the form, the checklist's state, the visit record and
            the attachments.

              --as OFFICER_ID    the officer who unlocks; the case is recorded as theirs

            The passphrase comes from DOORSTEP_PASSPHRASE, else the terminal, else the first line of
            standard input.

            The case file (UTF-8 JSON, unknown fields are errors):
              {
                "format": "doorstep-case/2",              required, exactly this
                "label": "张三 · 护照",                     optional, 1-500 characters, shown in lists;
                                                          default: the applicant and the documents
                "visitDate": "2026-11-20",                optional, not after today; default: the day
                                                          the visit record began, else today
                "form": {"format": "doorstep-form/1", ...},
                                                          required: the application form, checked against
                                                          the built-in catalogue on the visit date
                "attachments": [                          optional
                  {"kind": "scan", "slot": "scan.id-card", "file": "id-card.pdf",
                   "material": "resident-id-card"}        material: scans only, optional
                ],
                "pending": [                              optional: secondary materials handed in later
                  {"material": "kinship-proof", "deadline": "2026-12-05"}
                ],                                        deadline optional (the catalogue's default)
                "visit": {"format": "doorstep-visit/1", ...}
                                                          optional: the visit record
              }
            kind: photo (JPEG, PNG), fingerprint (JPEG, PNG, WSQ), signature (JPEG, PNG) or scan (JPEG,
            PNG, PDF) - recognised by content, not by name, and decoded in full: a damaged or cut-short
            image is refused. slot: unique per case, lower-case letters, digits, '.', '_', '-' ("form",
            "checklist" and "visit" are the case's own). file: relative to the case file's folder, or
            absolute; at most 64 MiB. material: a checklist item of this case, e.g. resident-id-card, or
            prior-document@passport for one application's ('doorstep-cli checklist' lists them). The
            form's evidence and the visit record's signature and photo name attachments by their slot.

            example:
              DOORSTEP_PASSPHRASE=$PASS doorstep-cli import docs/examples/case.json --as J10023
            """;

    static final String LIST = """
            usage: doorstep-cli list --as OFFICER_ID [--state STATE] [--json] [--data DIR]

            Lists the cases on this laptop, oldest first: short id, state, urgent, officer, created and
            updated (local time), label.

              --as OFFICER_ID    the officer who unlocks (passphrase as for import)
              --state STATE      only cases in this state: draft, complete, sealed, queued, sent,
                                 delivered, shredded or rejected
              --json             one JSON array instead of the table: id, state, urgent, officer,
                                 created, updated (UTC, ISO 8601), revision, label, note

            example:
              DOORSTEP_PASSPHRASE=$PASS doorstep-cli list --as J10023 --state draft
            """;

    static final String VERIFY = """
            usage: doorstep-cli verify --as OFFICER_ID [--data DIR]

            Checks the whole audit trail: chain, numbering, device signatures and signed end. Prints
            "audit trail intact: N entries" (exit 0), or every problem found (exit 3).

              --as OFFICER_ID    the officer who unlocks (passphrase as for import)
            """;

    static final String STATUS = """
            usage: doorstep-cli status [--data DIR]

            Prints the device name, crypto suite, enrolled officers, the vault's state (locked, locked
            out, wiped, or not set up) and the failed unlock attempts. Needs no passphrase.
            """;

    static final String WIPE = """
            usage: doorstep-cli wipe --yes [--reason TEXT] [--data DIR]

            Destroys every officer's wrapped key and deletes the database: nothing on this laptop can be
            opened again, by anyone. Needs no passphrase (a lost or returned laptop), but refuses to run
            without --yes. The key file stays, marked wiped; set up again in a new data folder.

              --yes            confirms
              --reason TEXT    printed with the confirmation for your ticket; the vault keeps no record
                               of it (its audit trail is deleted with the database)
            """;

    private Usage() {
    }

    static final String ID_CHECK = """
            usage: doorstep-cli id-check NUMBER [--on YYYY-MM-DD] [--lang en|zh_CN]

            Checks a citizen identity number per GB 11643-1999: 18 characters, the check character
            (ISO 7064 MOD 11-2), a real birth date from 1900 and not after today, a plausible region.
            Full-width digits, spaces and a lower-case x are accepted as officers type them. Prints the
            number, its masked form for print, the kind of holder, the region code, the birth date, the
            age on a date and the gender. Needs no data folder.

              --on DATE    the date for the age (default today), e.g. the visit date
              --lang L     language of the words and of the error: en (default) or zh_CN

            Exit codes: 0 valid; 1 not valid (one line says why) or bad usage.

            example:
              doorstep-cli id-check 11010519491231002X --on 2026-11-20
            """;

    static final String CHECKLIST = """
            usage: doorstep-cli checklist CASE.json [--notice NOTICE.html [--office TEXT] [--reference REF]] [--lang en|zh_CN]

            Reads and checks a case file exactly as 'doorstep-cli import' does (see 'import --help' for
            the format), without a vault, and prints its checklist: every material, core or secondary,
            present (with its scan), pending (with its deadline) or missing, and why it is needed; the
            fees with their waivers; the photo standard and fingerprints each kind of document needs;
            whether the case can be completed, and what stands in the way. Stores nothing. When the
            case file has several problems, each is printed as a "problem:" line on standard output.

              --notice FILE     also write the one-time notice (一次性告知单, Chinese, A4 HTML); its
                                officer is the visit record's, its date the visit date
              --office TEXT     the office on the notice, up to four parts separated by ';': name,
                                address, phone, opening hours (default: the documents' authority,
                                the rest "—")
              --reference REF   the case reference on the notice (default: the label), e.g. the id
                                'doorstep-cli import' printed
              --lang L          language of materials, reasons, fees and errors: en (default) or zh_CN

            Exit codes: 0 the case can be completed; 2 it cannot yet (materials owed); 1 bad input.

            example:
              doorstep-cli checklist docs/examples/case.json --notice notice.html \\
                --office "西城分局出入境接待大厅; 北京市西城区某路 9 号; 010-00000000; 工作日 9:00-17:00"
            """;

    static final String PHOTO_CHECK = """
            usage: doorstep-cli photo-check PHOTO_FILE [--document exit-entry|id-card] [--out CROP.jpg] [--lang en|zh_CN]

            Runs every check of a capture on a photo file (JPEG or PNG) and prints each with its score and
            reason: resolution, one face, frontal, head size, head position (space above the crown),
            background, exposure, sharpness, JPEG size. The photo is cropped and scaled to the document
            (354×472 for exit-entry documents, 358×441 for the ID card) without padding, stretching or
            retouching; --out writes that JPEG. Stores nothing.

              --document D   exit-entry (default) or id-card
              --out FILE     where to write the cropped JPEG (also when a check fails, for a look)
              --lang L       language of the reasons: en (default) or zh_CN

            Exit codes: 0 meets the rules; 2 does not; 1 not a readable image.

            example:
              doorstep-cli photo-check obama.jpg --out obama-passport.jpg
            """;

    static final String FINGER_SCORE = """
            usage: doorstep-cli finger-score FINGER_FILE [--finger F] [--ppi N] [--against FILE2 [--against-finger F2]] [--lang en|zh_CN]

            Imports a fingerprint image (PNG, JPEG, BMP or WSQ) as a capture would and prints its quality
            score (0-100, kept from 40) with the reasons behind a low score. With --against, also checks
            that the two images are not the same finger given twice (SourceAFIS, score 40 and above is
            the same finger). Stores nothing.

              --finger F          which finger the file is: right-thumb … left-little or 1-10 (default right-index)
              --against FILE2     a second image, of another finger
              --against-finger F2 which finger the second image is (default left-index)
              --ppi N             the scan's resolution when the file does not say (default 500)
              --lang L            language of the reasons: en (default) or zh_CN

            Exit codes: 0 good enough to keep; 2 retake (low quality or the same finger twice);
            1 not a readable fingerprint image.

            example:
              doorstep-cli finger-score probe.png --against matching.png
            """;

    /** The page of one command, or {@code null} when there is no such command. */
    static String of(String command) {
        return switch (command) {
            case "setup" -> SETUP;
            case "enrol" -> ENROL;
            case "import" -> IMPORT;
            case "list" -> LIST;
            case "verify" -> VERIFY;
            case "status" -> STATUS;
            case "wipe" -> WIPE;
            case "sync-enrol" -> SYNC_ENROL;
            case "seal" -> SEAL;
            case "sync" -> SYNC;
            case "export" -> EXPORT;
            case "receipts" -> RECEIPTS;
            case "id-check" -> ID_CHECK;
            case "checklist" -> CHECKLIST;
            case "photo-check" -> PHOTO_CHECK;
            case "finger-score" -> FINGER_SCORE;
            default -> null;
        };
    }
}
