package org.doorstep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Messages;
import org.doorstep.domain.identity.IdentityNumber;
import org.doorstep.domain.notice.NoticeContext;
import org.doorstep.domain.notice.Office;
import org.doorstep.domain.notice.OneTimeNotice;
import org.doorstep.domain.visit.Officer;

/**
 * Commands over the domain rules, for support staff checking what an officer entered or will enter:
 * {@code id-check} and {@code checklist}. They need no vault and store nothing ({@code checklist --notice}
 * writes the notice file it is asked for).
 */
final class DomainCommands {

    /** What the notice says where the office is not given: the name comes from the catalogue. */
    static final String UNKNOWN = "—";

    private final PrintStream out;
    private final Clock clock;

    /** @param clock today, and "now" for visit records; its zone is the laptop's */
    DomainCommands(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    int idCheck(List<String> args) {
        Options o = Options.parse("id-check", args, Set.of("on", "lang"), Set.of(), 1);
        String text = o.positional("NUMBER");
        Locale locale = o.language();
        LocalDate today = LocalDate.now(clock);
        LocalDate on = o.date("on", today);
        IdentityNumber n;
        try {
            n = IdentityNumber.parse(text, today);
        } catch (InvalidInputException e) {
            throw CliException.badInput("not a valid identity number: " + DomainText.withoutLabel(e.problems().get(0), locale));
        }
        if (on.isBefore(n.birthDate())) {
            throw o.usage("--on " + on + " is before the birth date " + n.birthDate());
        }
        Messages m = Messages.of(locale);
        out.println("identity number:  " + n.value() + "  (valid per GB 11643-1999)");
        out.println("for print:        " + n.masked());
        out.println("kind:             " + m.label(n.kind()));
        out.println("region code:      " + n.regionCode() + "  (" + region(n) + ")");
        out.println("birth date:       " + n.birthDate());
        out.println("age:              " + n.ageOn(on) + " on " + on);
        out.println("gender:           " + m.label(n.gender()));
        return VaultCli.EXIT_OK;
    }

    /** What the six digits say, GB/T 2260 for a resident; the permit's fixed prefix; or 9, province, nationality. */
    private static String region(IdentityNumber n) {
        String r = n.regionCode();
        return switch (n.kind()) {
            case MAINLAND_RESIDENT -> "province " + r.substring(0, 2) + ", city " + r.substring(2, 4) + ", county "
                    + r.substring(4);
            case FOREIGN_PERMANENT_RESIDENT -> "issued in province " + r.substring(1, 3) + ", nationality " + r.substring(3);
            case HONG_KONG_RESIDENT, MACAU_RESIDENT, TAIWAN_RESIDENT -> "the residence permits' fixed prefix";
        };
    }

    int checklist(List<String> args) throws IOException {
        Options o = Options.parse("checklist", args, Set.of("notice", "office", "reference", "lang"), Set.of(), 1);
        Path json = path(o.positional("CASE.json"), "the case file");
        Locale locale = o.language();
        Path notice = o.optional("notice") == null ? null : noticeFile(o);
        for (String option : List.of("office", "reference")) {
            if (notice == null && o.optional(option) != null) {
                throw o.usage("--" + option + " is for the notice: add --notice FILE");
            }
        }
        String[] office = office(o);
        CaseFile.Parsed c;
        try {
            c = CaseFile.read(json, clock, locale);
        } catch (CliException e) {
            e.details().forEach(d -> out.println("problem: " + d));
            throw e;
        }
        new ChecklistReport(out, locale).print(c);
        if (notice != null) {
            Officer officer = c.visit() != null && c.visit().officer() != null ? c.visit().officer()
                    : new Officer(UNKNOWN, UNKNOWN);
            String authority = c.checklist().captures().stream().map(need -> need.family().authority().zh())
                    .distinct().collect(Collectors.joining("、"));
            Office at = new Office(office[0] != null ? office[0] : authority.isEmpty() ? UNKNOWN : authority,
                    or(office[1]), or(office[2]), or(office[3]));
            String html = OneTimeNotice.html(c.catalogue(), c.form(), c.checklist(),
                    new NoticeContext(reference(o, c.label()), at, officer, c.visitDate()));
            Files.writeString(notice, html, StandardCharsets.UTF_8);
            out.println();
            out.println("one-time notice (Chinese, HTML) written to " + o.optional("notice"));
        }
        return c.checklist().canComplete() ? VaultCli.EXIT_OK : VaultCli.EXIT_REFUSED;
    }

    /** Checked before the case is read, so that a typo in the option does not wait for the images. */
    private static Path noticeFile(Options o) {
        Path notice = path(o.optional("notice"), "the notice file").toAbsolutePath();
        if (Files.isDirectory(notice)) {
            throw o.usage("--notice " + notice + " is a folder; name the HTML file to write");
        }
        Path folder = notice.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw o.usage("--notice: the folder " + folder + " does not exist");
        }
        return notice;
    }

    /** {@code --office "NAME; ADDRESS; PHONE; HOURS"}: up to four parts; those left out are null. */
    private static String[] office(Options o) {
        String[] parts = new String[4];
        String given = o.optional("office");
        if (given == null) {
            return parts;
        }
        String[] split = given.split("[;；]", -1);
        if (split.length > 4 || given.isBlank()) {
            throw o.usage("--office takes up to four parts separated by ';': name; address; phone; opening hours");
        }
        for (int i = 0; i < split.length; i++) {
            parts[i] = split[i].isBlank() ? null : split[i].strip();
        }
        return parts;
    }

    /** The number the applicant quotes: {@code --reference} (the case's id, once imported), else the label. */
    private static String reference(Options o, String label) {
        String given = o.optional("reference");
        return given == null || given.isBlank() ? label : given.strip();
    }

    private static String or(String part) {
        return part == null ? UNKNOWN : part;
    }

    private static Path path(String given, String what) {
        try {
            return Path.of(given);
        } catch (InvalidPathException e) {
            throw CliException.badInput(what + " '" + given + "' is not a valid path: " + e.getReason());
        }
    }
}
