package org.doorstep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.doorstep.field.CaseCompletion;
import org.doorstep.vault.AuditReport;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.crypto.PassphrasePolicy;
import org.doorstep.vault.crypto.PassphrasePolicy.Problem;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.PassphraseRejectedException;
import org.doorstep.vault.keys.UnlockResult;
import org.doorstep.vault.keys.VaultFileException;
import org.doorstep.vault.keys.VaultPolicy;

/**
 * The commands themselves. Each checks everything it was given before it opens the vault, and changes the
 * vault in at most one call, so a refusal leaves nothing behind.
 */
final class Commands {

    static final String DATA_ENV = "DOORSTEP_DATA";

    private static final Set<String> DATA = Set.of("data");

    private final Map<String, String> env;
    private final Passphrases passphrases;
    private final PrintStream out;
    private final VaultPolicy policy;
    private final Clock clock = Clock.systemUTC();
    /** The laptop's clock in its zone: which day it is, and when a visit recorded in a case file was. */
    private final Clock laptopClock;
    private final SecureRandom random = new SecureRandom();

    Commands(Map<String, String> env, Passphrases passphrases, PrintStream out, VaultPolicy policy, Clock laptopClock) {
        this.env = env;
        this.passphrases = passphrases;
        this.out = out;
        this.policy = policy;
        this.laptopClock = laptopClock;
    }

    int setup(List<String> args) throws IOException {
        Options o = Options.parse("setup", args, with("device", "suite", "officer", "name"), Set.of(), 0);
        Path data = dataDir(o);
        String device = o.required("device", "NAME").strip();
        if (device.length() > 64) {
            throw o.usage("--device must have 1-64 characters");
        }
        CryptoSuite suite;
        try {
            suite = CryptoSuite.byId(o.required("suite", "intl|gm"));
        } catch (IllegalArgumentException e) {
            throw o.usage("--suite: " + e.getMessage());
        }
        Officer first = officer(o, o.required("officer", "ID"), o.required("name", "NAME"));
        if (Vault.isSetUp(data) && !wiped(data)) {
            throw CliException.badInput("there is already a vault in " + data + " (set up once per laptop; to start"
                    + " afresh, wipe it first)");
        }
        if (Files.exists(data) && !Files.isDirectory(data)) {
            throw CliException.badInput("the data folder " + data + " is a file");
        }
        char[][] chosen = passphrases.toChoose(Passphrases.ENV, first.id());
        try {
            checkNewPassphrase(chosen);
            try (Vault vault = Vault.setUp(data, device, suite, first, chosen[0], chosen[1], policy, clock, random)) {
                out.println("set up " + vault.deviceName() + " (suite " + suite.id() + ") in " + data
                        + "; officer " + first.id() + " (" + first.name() + ") is enrolled");
            }
        } catch (PassphraseRejectedException e) {
            throw CliException.badInput(rejected(e.problems(), first.id()));
        } finally {
            zero(chosen);
        }
        return VaultCli.EXIT_OK;
    }

    /** A wiped laptop may be set up again: its key file holds no key any more, only the record of the wipe. */
    private boolean wiped(Path data) {
        try (Vault vault = Vault.open(data, policy, clock, random)) {
            return vault.status() == Vault.Status.WIPED;
        } catch (IOException | VaultFileException e) {
            return false;
        }
    }

    int enrol(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("enrol", args, with("officer", "name", "as"), Set.of(), 0);
        Path data = dataDir(o);
        Officer officer = officer(o, o.required("officer", "ID"), o.required("name", "NAME"));
        String as = officerId(o);
        try (Vault vault = open(data)) {
            if (vault.officers().stream().anyMatch(e -> e.id().equals(officer.id()))) {
                throw CliException.badInput("officer " + officer.id() + " is already enrolled on this laptop");
            }
            char[] passphrase = passphrases.toUnlock(as);
            char[][] chosen = null;
            try {
                chosen = passphrases.toChoose(Passphrases.ENV_NEW, officer.id());
                checkNewPassphrase(chosen);
                unlock(vault, as, passphrase);
                vault.enrol(officer, chosen[0], chosen[1]);
            } catch (PassphraseRejectedException e) {
                throw CliException.badInput(rejected(e.problems(), officer.id()));
            } finally {
                Arrays.fill(passphrase, '\0');
                zero(chosen);
            }
            out.println("enrolled officer " + officer.id() + " (" + officer.name() + "); officers on this laptop: "
                    + vault.officers().stream().map(Officer::id).collect(Collectors.joining(", ")));
        }
        return VaultCli.EXIT_OK;
    }

    int importCase(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("import", args, with("as"), Set.of(), 1);
        Path data = dataDir(o);
        String as = officerId(o);
        Path json = path(o.positional("CASE.json"), "the case file");
        requireSetUp(data);
        CaseFile.Parsed parsed = CaseFile.read(json, laptopClock, Locale.ENGLISH);
        try (Vault vault = open(data)) {
            unlock(vault, as, passphrases.toUnlock(as));
            CaseSummary created = vault.cases().create(parsed.label(), parsed.urgent(), parsed.items());
            out.println(created.id());
        }
        return VaultCli.EXIT_OK;
    }

    int list(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("list", args, with("as", "state"), Set.of("json"), 0);
        Path data = dataDir(o);
        String as = officerId(o);
        CaseState only = null;
        if (o.optional("state") != null) {
            try {
                only = CaseState.byId(o.optional("state"));
            } catch (IllegalArgumentException e) {
                throw o.usage("--state: " + e.getMessage() + "; expected one of " + Arrays.stream(CaseState.values())
                        .map(CaseState::id).collect(Collectors.joining(", ")));
            }
        }
        try (Vault vault = open(data)) {
            unlock(vault, as, passphrases.toUnlock(as));
            CaseState wanted = only;
            List<CaseSummary> cases = vault.cases().list().stream()
                    .filter(c -> wanted == null || c.state() == wanted).toList();
            if (o.flag("json")) {
                CaseListing.json(cases, out);
            } else if (cases.isEmpty()) {
                out.println(wanted == null ? "no cases on this laptop" : "no " + wanted.id() + " cases on this laptop");
            } else {
                CaseListing.table(cases, ZoneId.systemDefault(), out);
            }
        }
        return VaultCli.EXIT_OK;
    }

    int verify(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("verify", args, with("as"), Set.of(), 0);
        Path data = dataDir(o);
        String as = officerId(o);
        try (Vault vault = open(data)) {
            unlock(vault, as, passphrases.toUnlock(as));
            AuditReport report = vault.verifyAudit();
            if (report.intact()) {
                out.println("audit trail intact: " + report.entries() + " entries");
                return VaultCli.EXIT_OK;
            }
            report.problems().forEach(p -> out.println("problem: " + p));
            throw new CliException(VaultCli.EXIT_AUDIT_BROKEN, "audit trail broken: " + report.problems().size()
                    + (report.problems().size() == 1 ? " problem" : " problems") + " in " + report.entries()
                    + " entries (listed on standard output)");
        }
    }

    int status(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("status", args, DATA, Set.of(), 0);
        Path data = dataDir(o);
        out.println("data folder:      " + data);
        if (!Vault.isSetUp(data)) {
            out.println("vault:            not set up");
            return VaultCli.EXIT_OK;
        }
        try (Vault vault = Vault.open(data, policy, clock, random)) {
            out.println("device:           " + vault.deviceName());
            out.println("crypto suite:     " + vault.suite().id());
            out.println("officers:         " + (vault.officers().isEmpty() ? "none"
                    : vault.officers().stream().map(e -> e.id() + " (" + e.name() + ")").collect(Collectors.joining(", "))));
            out.println("vault:            " + switch (vault.status()) {
                case LOCKED, UNLOCKED -> "locked";
                case LOCKED_OUT -> "locked out (too many wrong passphrases)";
                case WIPED -> "wiped";
            });
            vault.wipeRecord().ifPresent(w -> out.println("wiped:            " + w));
            out.println("failed attempts:  " + vault.failedAttempts() + " (lock-out at " + vault.policy().maxFailedAttempts() + ")");
        }
        return VaultCli.EXIT_OK;
    }

    int wipe(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("wipe", args, with("reason"), Set.of("yes"), 0);
        Path data = dataDir(o);
        if (!o.flag("yes")) {
            throw CliException.badInput("wipe destroys every key and case on this laptop for good; nothing was done."
                    + " Add --yes to confirm");
        }
        try (Vault vault = open(data)) {
            String reason = o.optional("reason");
            vault.wipe(reason == null || reason.isBlank() ? "wiped from the command line" : reason.strip());
            out.println("wiped " + vault.deviceName() + ": every officer's key is destroyed and the database deleted"
                    + (reason == null || reason.isBlank() ? "" : " (reason: " + reason.strip() + ")"));
        }
        return VaultCli.EXIT_OK;
    }

    // ---- sync (the laptop's side of issue 5) ----

    int syncEnrol(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("sync-enrol", args, with("as", "hq", "code", "ca"), Set.of(), 0);
        Path data = dataDir(o);
        String as = officerId(o);
        java.net.URI hq;
        try {
            hq = java.net.URI.create(o.required("hq", "URL"));
            if (!"http".equals(hq.getScheme()) && !"https".equals(hq.getScheme())) {
                throw new IllegalArgumentException("not an http(s) address");
            }
        } catch (IllegalArgumentException e) {
            throw o.usage("--hq: " + e.getMessage());
        }
        String code = o.required("code", "CODE");
        String ca = o.required("ca", "SHA256:…");
        try (Vault vault = open(data)) {
            unlock(vault, as, passphrases.toUnlock(as));
            org.doorstep.vault.SyncEnrolment enrolment = org.doorstep.sync.vault.OnlineEnrolment.enrol(vault, hq, code,
                    ca, clock);
            out.println("enrolled as " + enrolment.deviceId() + "; broker " + org.doorstep.sync.vault.SyncIdentity
                    .of(vault).orElseThrow().broker());
        } catch (org.doorstep.sync.pki.EnrolmentBundleException e) {
            throw CliException.refused(e.getMessage());
        } catch (java.net.ConnectException e) {
            throw CliException.storage("HQ's enrolment address " + hq + " does not answer: is the HQ running?");
        }
        return VaultCli.EXIT_OK;
    }

    int seal(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("seal", args, with("as"), Set.of(), 1);
        Path data = dataDir(o);
        String as = officerId(o);
        String caseId = o.positional("CASE_ID");
        try (Vault vault = open(data)) {
            unlock(vault, as, passphrases.toUnlock(as));
            // refuse before anything changes: a draft is completed only when it can then be sealed
            CaseCompletion completion = new CaseCompletion(vault, clock, random);
            switch (completion.sealingBlocker().orElse(null)) {
                case NOT_ENROLLED -> throw CliException.refused("this laptop is not enrolled with HQ yet ('doorstep-cli"
                        + " sync-enrol --help'); the case stays as it is");
                case REVOKED -> throw CliException.refused("HQ revoked this laptop: it cannot seal cases for HQ; the case"
                        + " stays as it is");
                case OUTBOX_FULL -> throw new IllegalStateException("sealingBlocker() does not look at the outbox");
                case null -> {
                    // the laptop can send to HQ
                }
            }
            // a full outbox refuses here (exit 2, saying how full), before a draft is completed
            completion.requireRoomFor(caseId);
            org.doorstep.vault.PacketRecord packet = completion.seal(caseId, "completed to be sealed (command line)");
            out.println("sealed case " + caseId + " as packet " + packet.packetId() + " (" + packet.bytes()
                    + " bytes), waiting in the outbox");
        }
        return VaultCli.EXIT_OK;
    }

    int sync(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("sync", args, with("as", "wait"), Set.of(), 0);
        Path data = dataDir(o);
        String as = officerId(o);
        java.time.Duration wait;
        try {
            wait = java.time.Duration.ofSeconds(Long.parseLong(o.optional("wait") == null ? "120" : o.optional("wait")));
            if (wait.isNegative() || wait.isZero()) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw o.usage("--wait needs a whole number of seconds above 0");
        }
        try (Vault vault = open(data)) {
            unlock(vault, as, passphrases.toUnlock(as));
            try (org.doorstep.sync.vault.LaptopSync sync = org.doorstep.sync.vault.LaptopSync.start(vault,
                    org.doorstep.sync.client.SyncClient.Options.defaults(data, "doorstep-cli"), clock)) {
                sync.addCommandListener(outcome -> out.println("HQ " + outcome.describe()));
                long deadline = System.nanoTime() + wait.toNanos();
                String last = "";
                while (System.nanoTime() < deadline) {
                    var p = sync.client().progress();
                    String problem = sync.link().lastProblem();
                    String line = (sync.link().isConnected() ? "online"
                            : problem == null ? "connecting to " + sync.link().options().serverUri() : "offline (" + problem + ")")
                            + ": " + p.pendingCases() + " cases waiting (" + p.pendingBytes() + " bytes, "
                            + p.unsentCases() + " not yet sent), " + p.deliveredCases() + " delivered";
                    if (!line.equals(last)) {
                        out.println(line);
                        last = line;
                    }
                    if (vault.status() == Vault.Status.WIPED) {
                        throw CliException.refused("HQ wiped this laptop: its keys and cases are destroyed; the signed"
                                + " confirmation is in " + data.resolve("wipe-confirmation.json") + " (and was sent to HQ"
                                + " if the link was up)");
                    }
                    // done when nothing waits and HQ's queued commands (delivered right after connecting) are answered
                    if (p.pendingCases() == 0 && sync.quiet(java.time.Duration.ofSeconds(2))) {
                        return VaultCli.EXIT_OK;
                    }
                    sleep(250);
                }
                throw CliException.storage("gave up after " + wait.toSeconds() + " s with "
                        + sync.client().progress().pendingCases() + " cases still waiting for HQ's receipt;"
                        + " they stay in the outbox for the next sync");
            }
        }
    }

    int export(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("export", args, with("as"), Set.of(), 1);
        Path data = dataDir(o);
        String as = officerId(o);
        Path target = path(o.positional("FOLDER"), "the export folder");
        try (Vault vault = open(data)) {
            unlock(vault, as, passphrases.toUnlock(as));
            org.doorstep.sync.vault.MediaExport.Result result = new org.doorstep.sync.vault.MediaExport(vault,
                    new org.doorstep.sync.vault.PacketSpoolFolder(data), clock).export(target);
            out.println("exported " + result.packets().size() + " packets (" + result.bytes() + " bytes) to "
                    + result.folder() + "; they stay in the outbox until HQ's receipts come back");
        }
        return VaultCli.EXIT_OK;
    }

    int receipts(List<String> args) throws IOException, VaultFileException {
        Options o = Options.parse("receipts", args, with("as"), Set.of(), 1);
        Path data = dataDir(o);
        String as = officerId(o);
        Path medium = path(o.positional("FOLDER"), "the folder with HQ's answers");
        List<Path> answers = new java.util.ArrayList<>();
        try (var exports = Files.newDirectoryStream(medium, "doorstep-export-*")) {
            for (Path export : exports) {
                Path folder = export.resolve("receipts");
                if (Files.isDirectory(folder)) {
                    try (var files = Files.newDirectoryStream(folder, "*.json")) {
                        files.forEach(answers::add);
                    }
                }
            }
        }
        if (answers.isEmpty()) {
            throw CliException.badInput("no answers from HQ under " + medium + " (expected doorstep-export-*/receipts/*.json)");
        }
        try (Vault vault = open(data)) {
            unlock(vault, as, passphrases.toUnlock(as));
            org.doorstep.sync.vault.SyncIdentity identity = org.doorstep.sync.vault.SyncIdentity.of(vault).orElseThrow(
                    () -> CliException.refused("this laptop is not enrolled, so it cannot check HQ's answers"));
            var spool = new org.doorstep.sync.vault.VaultPacketSpool(vault, new org.doorstep.sync.vault.CaseSealing(vault,
                    new org.doorstep.sync.vault.PacketSpoolFolder(data), clock, random));
            int delivered = 0;
            int rejected = 0;
            for (Path answer : answers) {
                if (Files.size(answer) > org.doorstep.sync.protocol.HqMessages.MAX_BYTES) {
                    out.println(answer.getFileName() + ": ignored, too large to be HQ's answer");
                    continue;
                }
                try {
                    var message = org.doorstep.sync.protocol.HqMessages.verify(Files.readAllBytes(answer),
                            identity.hqSigningKey(), org.doorstep.sync.pki.PkiSuite.byId(vault.suite().id()),
                            identity.deviceId());
                    if (message instanceof org.doorstep.sync.protocol.HqMessage.Receipt r) {
                        spool.delivered(r.packetId(), r);
                        delivered++;
                    } else if (message instanceof org.doorstep.sync.protocol.HqMessage.Rejection r) {
                        spool.rejected(r.packetId(), r);
                        out.println("packet " + r.packetId() + " rejected by HQ: " + r.reason() + " " + r.detail());
                        rejected++;
                    }
                } catch (org.doorstep.sync.protocol.ProtocolException e) {
                    out.println(answer.getFileName() + ": ignored, not HQ's: " + e.getMessage());
                }
            }
            out.println(delivered + " receipts applied (those cases are shredded), " + rejected + " rejections");
        }
        return VaultCli.EXIT_OK;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.storage("interrupted");
        }
    }

    // ---- shared steps ----

    private Vault open(Path data) throws IOException, VaultFileException {
        requireSetUp(data);
        return Vault.open(data, policy, clock, random);
    }

    private static void requireSetUp(Path data) {
        if (!Vault.isSetUp(data)) {
            throw CliException.badInput("there is no vault in " + data + ": set this laptop up first ('doorstep-cli setup"
                    + " --help'), or name its data folder with --data");
        }
    }

    /** Tries the passphrase once and turns every refusal into one line with what to do next. */
    private static void unlock(Vault vault, String officerId, char[] passphrase) throws IOException {
        UnlockResult result;
        try {
            result = vault.unlock(officerId, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        switch (result) {
            case UnlockResult.Unlocked u -> {
                // the vault holds the master key now and zeroises it when it locks
            }
            case UnlockResult.Refused r -> throw CliException.refused("wrong passphrase for officer " + officerId
                    + " (or no such officer on this laptop); " + (r.warn() ? "WARNING: only " : "")
                    + r.remainingAttempts() + (r.remainingAttempts() == 1 ? " attempt" : " attempts")
                    + " left before this laptop locks out"
                    + (r.retryAfter().isZero() ? "" : "; the next attempt is accepted in " + duration(r.retryAfter())));
            case UnlockResult.TooSoon t -> throw CliException.refused("too many wrong passphrases: wait "
                    + duration(t.retryAfter()) + " before the next attempt (this one was not tried and not counted)");
            case UnlockResult.LockedOut l -> throw CliException.refused(l.keysDestroyed()
                    ? "this laptop has been wiped: its keys are destroyed and nothing on it can be opened"
                    : "this laptop is locked out after too many wrong passphrases; take it back to HQ");
        }
    }

    private static void checkNewPassphrase(char[][] chosen) throws PassphraseRejectedException {
        List<Problem> problems = PassphrasePolicy.check(chosen[0], chosen[1]);
        if (!problems.isEmpty()) {
            throw new PassphraseRejectedException(problems);
        }
    }

    static String rejected(List<Problem> problems, String officerId) {
        return "passphrase for officer " + officerId + " refused: " + problems.stream().map(p -> switch (p) {
            case TOO_SHORT -> "it has fewer than " + PassphrasePolicy.MIN_CODE_POINTS + " characters";
            case ONLY_WHITESPACE -> "it is only spaces";
            case TYPED_DIFFERENTLY -> "the repetition differs";
        }).collect(Collectors.joining("; "));
    }

    private Path dataDir(Options o) {
        String given = o.optional("data");
        if (given == null || given.isBlank()) {
            given = env.get(DATA_ENV);
        }
        if (given == null || given.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".doorstep");
        }
        return path(given, "the data folder").toAbsolutePath();
    }

    private static Path path(String given, String what) {
        try {
            return Path.of(given);
        } catch (InvalidPathException e) {
            throw CliException.badInput(what + " '" + given + "' is not a valid path: " + e.getReason());
        }
    }

    private static Officer officer(Options o, String id, String name) {
        try {
            return new Officer(id, name);
        } catch (IllegalArgumentException e) {
            throw o.usage(e.getMessage());
        }
    }

    private static String officerId(Options o) {
        String id = o.required("as", "OFFICER_ID");
        if (!Officer.isValidId(id)) {
            throw o.usage("--as '" + id + "' is not an officer id (1-32 letters, digits, '_' or '-')");
        }
        return id;
    }

    private static Set<String> with(String... options) {
        return Set.copyOf(Stream.concat(DATA.stream(), Arrays.stream(options)).toList());
    }

    private static String duration(Duration d) {
        long seconds = Math.max(1, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }

    private static void zero(char[][] chosen) {
        if (chosen != null) {
            for (char[] c : chosen) {
                Arrays.fill(c, '\0');
            }
        }
    }
}
