package org.doorstep.hq.admin.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.doorstep.hq.admin.AdminAuditEntry;
import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.AdminOptions;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.AuditCheck;
import org.doorstep.hq.admin.CaseFlag;
import org.doorstep.hq.admin.CaseQuery;
import org.doorstep.hq.admin.CaseView;
import org.doorstep.hq.admin.CommandView;
import org.doorstep.hq.admin.ConnectionSource;
import org.doorstep.hq.admin.Csv;
import org.doorstep.hq.admin.DailyCount;
import org.doorstep.hq.admin.DeviceAuditEntry;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceView;
import org.doorstep.hq.admin.EnrolmentGrant;
import org.doorstep.hq.admin.HqAdmin;
import org.doorstep.hq.admin.HqCaseState;
import org.doorstep.hq.admin.IngestWorkerView;
import org.doorstep.hq.admin.MediaImportResult;
import org.doorstep.hq.admin.RejectView;
import org.doorstep.hq.admin.RevocationResult;
import org.doorstep.hq.admin.Role;
import org.doorstep.hq.admin.StatusUpdate;
import org.doorstep.hq.admin.UserView;
import org.doorstep.hq.admin.WorkOrderRequest;
import org.doorstep.sync.pki.RevocationReason;

/**
 * The admin command line, {@code ./doorstep hq-admin}: the same {@link HqAdmin} service the HQ console uses, one
 * command per call. The user comes from {@code --user} or {@code DOORSTEP_HQ_USER}; the password from
 * {@code DOORSTEP_HQ_PASSWORD} or the first line of standard input (asked for without echo at a terminal), never
 * from an argument. Every argument is checked before the store is touched; failures are one line on standard error
 * starting with {@code doorstep hq-admin:} and an exit code by kind: 1 bad input or not found, 2 refused (sign-in,
 * role, state), 3 an audit trail is broken, 4 HQ's store or service unavailable, 5 internal.
 */
public final class AdminCli {

    static final String USAGE = """
            usage: doorstep hq-admin [--hq-data DIR | --db JDBC-URL] [--user ID] [--zone ZONE] COMMAND [ARGUMENTS]
              the store: --db, or DIR/hq-admin.properties (written by ./doorstep hq; DIR defaults to ./hq-data),
              or DOORSTEP_HQ_DB. The user: --user or DOORSTEP_HQ_USER. The password: DOORSTEP_HQ_PASSWORD or stdin.
            reading (viewer and admin):
              devices [--csv FILE]                       the device board
              cases [--device ID] [--from DAY] [--to DAY] [--state received|needs-review|approved|returned]
                    [--limit N] [--csv FILE]             cases HQ stored (days as 2026-12-01)
              case PACKET-ID|CASE-ID                     one case with its exceptions
              rejects [--device ID] [--limit N] [--csv FILE]
              review                                     cases whose exceptions await a decision
              commands [--device ID] [--limit N]         commands to laptops and where they stand
              audit [--device ID] [--verify] [--from SEQ] [--limit N]
                                                         a laptop's trail, or the administrators' without --device
              report [--device ID] [--from DAY] [--to DAY] [--csv FILE]
                                                         cases per day per device, capture and seal to receipt
              users | settings
              workers                                    ingest workers: alive, silent (taken for dead) or stopped
            actions (admin):
              enrol DEVICE                               a one-time enrolment code
              revoke DEVICE --reason TEXT [--crl-reason key-compromise|affiliation-changed|superseded|
                     cessation-of-operation|unspecified]
              wipe DEVICE --reason TEXT
              resend PACKET-ID [--note TEXT]             ask the laptop to send a rejected packet's case again
              approve PACKET-ID [--note TEXT]
              return PACKET-ID --reason TEXT             the officer sees the reason on the case
              status PACKET-ID accepted|in-review|approved|produced|posted [--note TEXT]
              work-order DEVICE --order-id ID --name NAME --address TEXT --reason VISIT-REASON --document TYPE...
                         [--id-number N] [--phone P] [--due DAY] [--note TEXT]
              import-media FOLDER                        the HQ service imports laptops' exports and wipe proofs
              user-add ID --name NAME --role admin|viewer    (its password: DOORSTEP_HQ_NEW_PASSWORD or stdin)
              user-role ID admin|viewer
              user-disable ID | user-enable ID           a disabled user can no longer sign in, nor act if signed in
            exit: 0 done, 1 bad input or not found, 2 refused, 3 audit trail broken, 4 store or HQ service
            unavailable, 5 internal error""";

    private static final Set<String> NONE = Set.of();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Map<String, String> env;
    private final BufferedReader in;
    private final boolean interactive;
    private final PrintStream out;
    private final Clock clock;
    private final AdminOptions baseOptions;
    private ZoneId zone = ZoneId.systemDefault();

    AdminCli(Map<String, String> env, InputStream in, boolean interactive, PrintStream out, Clock clock,
            AdminOptions options) {
        this.env = env;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.interactive = interactive;
        this.out = out;
        this.clock = clock;
        this.baseOptions = options;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), System.in, System.console() != null, out, err, Clock.systemUTC(),
                AdminOptions.defaults()));
    }

    /** Runs one command; returns its exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream in, boolean interactive, PrintStream out,
            PrintStream err, Clock clock, AdminOptions options) {
        try {
            return new AdminCli(env, in, interactive, out, clock, options).execute(List.of(args));
        } catch (AdminException e) {
            err.println("doorstep hq-admin: " + oneLine(e.getMessage()));
            return e.kind().exitCode();
        } catch (BadValue e) {
            err.println("doorstep hq-admin: " + oneLine(e.getMessage()));
            return AdminException.Kind.INPUT.exitCode();
        } catch (RuntimeException e) {
            err.println("doorstep hq-admin: internal error: " + oneLine(String.valueOf(e)));
            return 5;
        }
    }

    private int execute(List<String> args) throws AdminException {
        Optional<String> db = Optional.empty();
        Optional<String> hqData = Optional.empty();
        Optional<String> user = Optional.empty();
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("--"); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (!Set.of("--db", "--hq-data", "--user", "--zone").contains(option)) {
                throw Args.input("unknown option " + option + " (try --help)");
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw Args.input(option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--db" -> db = once(db, option, value);
                case "--hq-data" -> hqData = once(hqData, option, value);
                case "--user" -> user = once(user, option, value);
                default -> {
                    try {
                        zone = ZoneId.of(value);
                    } catch (DateTimeException e) {
                        throw Args.input("--zone: not a time zone such as Asia/Shanghai: " + value);
                    }
                }
            }
        }
        if (i >= args.size()) {
            throw Args.input("no command given (try --help)");
        }
        if (db.isPresent() && hqData.isPresent()) {
            throw Args.input("give --db or --hq-data, not both");
        }
        String command = args.get(i);
        List<String> rest = args.subList(i + 1, args.size());
        if (rest.contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Command c = parse(command, rest);
        String userId = user.or(() -> Optional.ofNullable(env.get("DOORSTEP_HQ_USER")).filter(s -> !s.isEmpty()))
                .orElseThrow(() -> new AdminException(AdminException.Kind.SIGN_IN,
                        "who is signing in? give --user or set DOORSTEP_HQ_USER"));
        String url = storeUrl(db, hqData);
        char[] password = password("DOORSTEP_HQ_PASSWORD", "password for " + userId + ": ");
        try (HqAdmin admin = HqAdmin.open(ConnectionSource.url(url), baseOptions.withZone(zone), clock)) {
            AdminSession session = admin.signIn(userId, password);
            return c.run(session);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Optional<String> once(Optional<String> current, String option, String value) throws AdminException {
        if (current.isPresent()) {
            throw Args.input(option + " is given twice");
        }
        return Optional.of(value);
    }

    private String storeUrl(Optional<String> db, Optional<String> hqData) throws AdminException {
        if (db.isPresent()) {
            if (!db.get().startsWith("jdbc:")) {
                throw Args.input("--db: expected a JDBC URL such as jdbc:derby://127.0.0.1:1527//srv/hq/derby/hq");
            }
            return db.get();
        }
        if (hqData.isEmpty() && env.containsKey("DOORSTEP_HQ_DB") && !env.get("DOORSTEP_HQ_DB").isEmpty()) {
            return env.get("DOORSTEP_HQ_DB");
        }
        Path file = Path.of(hqData.orElse("hq-data")).resolve("hq-admin.properties");
        if (!Files.isRegularFile(file)) {
            throw new AdminException(AdminException.Kind.UNAVAILABLE, "no " + file + ": start the HQ service"
                    + " (./doorstep hq) or give --db");
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw Args.input(file + " cannot be read: " + e.getMessage());
        }
        String url = p.getProperty("db.url", "");
        if (!url.startsWith("jdbc:")) {
            throw Args.input(file + " names no db.url");
        }
        return url;
    }

    /** A password from the environment variable, or a line of standard input (without echo at a terminal). */
    private char[] password(String variable, String prompt) throws AdminException {
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        Console console = interactive ? System.console() : null;
        if (console != null) {
            char[] typed = console.readPassword(prompt);
            if (typed == null || typed.length == 0) {
                throw new AdminException(AdminException.Kind.SIGN_IN, "no password given");
            }
            return typed;
        }
        try {
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new AdminException(AdminException.Kind.SIGN_IN, "no password given: set " + variable
                        + " or write it to standard input");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new AdminException(AdminException.Kind.SIGN_IN, "the password cannot be read: " + e.getMessage());
        }
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Command {
        int run(AdminSession s) throws AdminException;
    }

    /** Checks a command's arguments completely before anything is opened. */
    private Command parse(String command, List<String> rest) throws AdminException {
        switch (command) {
            case "devices" -> {
                Args a = Args.parse(command, rest, Set.of("--csv"), NONE, NONE);
                a.positional(0, "");
                Optional<Path> csv = csv(a);
                return s -> devices(s, csv);
            }
            case "cases" -> {
                Args a = Args.parse(command, rest, Set.of("--device", "--from", "--to", "--state", "--limit", "--csv"),
                        NONE, NONE);
                a.positional(0, "");
                CaseQuery q = caseQuery(a);
                Optional<Path> csv = csv(a);
                return s -> cases(s, q, csv);
            }
            case "case" -> {
                Args a = Args.parse(command, rest, NONE, NONE, NONE);
                a.positional(1, "a packet id or a case id");
                String id = a.positional.get(0);
                return s -> showCase(s, id);
            }
            case "rejects" -> {
                Args a = Args.parse(command, rest, Set.of("--device", "--limit", "--csv"), NONE, NONE);
                a.positional(0, "");
                Optional<String> device = device(a);
                int limit = limit(a, 200);
                Optional<Path> csv = csv(a);
                return s -> rejects(s, device, limit, csv);
            }
            case "review" -> {
                Args.parse(command, rest, NONE, NONE, NONE).positional(0, "");
                return this::review;
            }
            case "commands" -> {
                Args a = Args.parse(command, rest, Set.of("--device", "--limit"), NONE, NONE);
                a.positional(0, "");
                Optional<String> device = device(a);
                int limit = limit(a, 100);
                return s -> commands(s, device, limit);
            }
            case "audit" -> {
                Args a = Args.parse(command, rest, Set.of("--device", "--from", "--limit"), Set.of("--verify"), NONE);
                a.positional(0, "");
                Optional<String> device = device(a);
                long from = a.one("--from").map(v -> number(v, "--from")).orElse(1L);
                int limit = limit(a, 200);
                boolean verify = a.flag("--verify");
                return s -> audit(s, device, from, limit, verify);
            }
            case "report" -> {
                Args a = Args.parse(command, rest, Set.of("--device", "--from", "--to", "--csv"), NONE, NONE);
                a.positional(0, "");
                Optional<String> device = device(a);
                Optional<LocalDate> from = a.one("--from").map(v -> day(v, "--from"));
                Optional<LocalDate> to = a.one("--to").map(v -> day(v, "--to"));
                if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
                    throw Args.input("--to " + to.get() + " is before --from " + from.get());
                }
                Optional<Path> csv = csv(a);
                return s -> report(s, device, from, to, csv);
            }
            case "users" -> {
                Args.parse(command, rest, NONE, NONE, NONE).positional(0, "");
                return this::users;
            }
            case "workers" -> {
                Args.parse(command, rest, NONE, NONE, NONE).positional(0, "");
                return this::workers;
            }
            case "settings" -> {
                Args.parse(command, rest, NONE, NONE, NONE).positional(0, "");
                return this::settings;
            }
            case "enrol" -> {
                Args a = Args.parse(command, rest, NONE, NONE, NONE);
                a.positional(1, "a device id");
                String device = a.positional.get(0);
                return s -> enrol(s, device);
            }
            case "revoke" -> {
                Args a = Args.parse(command, rest, Set.of("--reason", "--crl-reason"), NONE, NONE);
                a.positional(1, "a device id");
                String reason = a.required("--reason");
                RevocationReason crl = crlReason(a.one("--crl-reason").orElse("key-compromise"));
                String device = a.positional.get(0);
                return s -> revoke(s, device, crl, reason);
            }
            case "wipe" -> {
                Args a = Args.parse(command, rest, Set.of("--reason"), NONE, NONE);
                a.positional(1, "a device id");
                String reason = a.required("--reason");
                String device = a.positional.get(0);
                return s -> printCommand(s.wipe(device, reason), "wipe queued");
            }
            case "resend" -> {
                Args a = Args.parse(command, rest, Set.of("--note"), NONE, NONE);
                a.positional(1, "a packet id");
                UUID packet = packetId(a.positional.get(0));
                Optional<String> note = a.one("--note");
                return s -> printCommand(s.requestResend(packet, note.orElse(null)), "resend requested");
            }
            case "approve" -> {
                Args a = Args.parse(command, rest, Set.of("--note"), NONE, NONE);
                a.positional(1, "a packet id");
                UUID packet = packetId(a.positional.get(0));
                Optional<String> note = a.one("--note");
                return s -> printCommand(s.approve(packet, note.orElse(null)), "approved; the laptop is told");
            }
            case "return" -> {
                Args a = Args.parse(command, rest, Set.of("--reason"), NONE, NONE);
                a.positional(1, "a packet id");
                UUID packet = packetId(a.positional.get(0));
                String reason = a.required("--reason");
                return s -> printCommand(s.returnCase(packet, reason), "returned; the officer sees the reason");
            }
            case "status" -> {
                Args a = Args.parse(command, rest, Set.of("--note"), NONE, NONE);
                a.positional(2, "a packet id and a status");
                UUID packet = packetId(a.positional.get(0));
                StatusUpdate status;
                try {
                    status = StatusUpdate.byId(a.positional.get(1));
                } catch (IllegalArgumentException e) {
                    throw Args.input(e.getMessage());
                }
                Optional<String> note = a.one("--note");
                return s -> printCommand(s.sendStatus(packet, status, note.orElse(null)), "status queued");
            }
            case "work-order" -> {
                Args a = Args.parse(command, rest, Set.of("--order-id", "--name", "--address", "--reason", "--document",
                        "--id-number", "--phone", "--due", "--note"), NONE, Set.of("--document"));
                a.positional(1, "a device id");
                if (a.many("--document").isEmpty()) {
                    throw Args.input("work-order needs --document (one per application type)");
                }
                WorkOrderRequest order = new WorkOrderRequest(a.required("--order-id"), a.required("--name"),
                        a.one("--id-number"), a.one("--phone"), a.required("--address"), a.required("--reason"),
                        a.many("--document"), a.one("--due").map(v -> day(v, "--due")), a.one("--note"));
                String device = a.positional.get(0);
                return s -> printCommand(s.dispatchWorkOrder(device, order), "work order queued");
            }
            case "import-media" -> {
                Args a = Args.parse(command, rest, NONE, NONE, NONE);
                a.positional(1, "a folder");
                Path folder = Path.of(a.positional.get(0));
                if (!Files.isDirectory(folder)) {
                    throw Args.input(folder + " is not a folder");
                }
                return s -> importMedia(s, folder);
            }
            case "user-add" -> {
                Args a = Args.parse(command, rest, Set.of("--name", "--role"), NONE, NONE);
                a.positional(1, "a user id");
                String name = a.required("--name");
                Role role = role(a.required("--role"));
                String id = a.positional.get(0);
                return s -> userAdd(s, id, name, role);
            }
            case "user-role" -> {
                Args a = Args.parse(command, rest, NONE, NONE, NONE);
                a.positional(2, "a user id and a role");
                String id = a.positional.get(0);
                Role role = role(a.positional.get(1));
                return s -> {
                    UserView u = s.setRole(id, role);
                    out.println(u.userId() + " is now " + u.role().id());
                    return 0;
                };
            }
            case "user-disable", "user-enable" -> {
                Args a = Args.parse(command, rest, NONE, NONE, NONE);
                a.positional(1, "a user id");
                String id = a.positional.get(0);
                boolean disable = command.equals("user-disable");
                return s -> {
                    UserView u = s.setDisabled(id, disable);
                    out.println(u.userId() + " is " + (u.disabled() ? "disabled: it can no longer sign in or act"
                            : "enabled again"));
                    return 0;
                };
            }
            default -> throw Args.input("unknown command " + command + " (try --help)");
        }
    }

    private int devices(AdminSession s, Optional<Path> csv) throws AdminException {
        DeviceBoard board = s.devices();
        List<String> header = List.of("device", "state", "officers", "last heartbeat", "backlog cases", "backlog bytes",
                "oldest unsent", "software", "catalogue", "delivered", "rejected", "commands open");
        List<List<String>> rows = new ArrayList<>();
        for (DeviceView d : board.devices()) {
            rows.add(List.of(d.deviceId(), d.state().id(), String.join(" ", d.officers()),
                    d.lastHeartbeat().map(this::time).orElse("never"), Integer.toString(d.backlogCases()),
                    Long.toString(d.backlogBytes()), d.oldestUnsentAt(board.readAt()).map(AdminCli::duration).orElse("-"),
                    d.softwareVersion().orElse("-"), d.catalogueVersion().map(String::valueOf).orElse("-"),
                    Long.toString(d.delivered()), Long.toString(d.rejected()), Integer.toString(d.pendingCommands())));
        }
        return output(s, "devices", header, rows, csv, board.devices().size() + " laptop(s) at " + time(board.readAt()));
    }

    private int cases(AdminSession s, CaseQuery q, Optional<Path> csv) throws AdminException {
        List<CaseView> cases = s.cases(q);
        List<String> header = List.of("packet", "case", "device", "officer", "created", "stored", "state", "exceptions",
                "capture to receipt", "status");
        List<List<String>> rows = new ArrayList<>();
        for (CaseView v : cases) {
            rows.add(List.of(v.packetId().toString(), v.caseId(), v.deviceId(), v.officer().orElse("-"),
                    v.createdAt().map(this::time).orElse("-"), time(v.storedAt()), v.state().id(),
                    Integer.toString(v.flags().size()), v.captureToReceipt().map(AdminCli::duration).orElse("-"),
                    v.lastStatus().orElse("-")));
        }
        return output(s, "cases", header, rows, csv, cases.size() + " case(s)");
    }

    private int showCase(AdminSession s, String id) throws AdminException {
        CaseView v;
        try {
            v = s.caseOf(UUID.fromString(id));
        } catch (IllegalArgumentException notAPacketId) {
            v = s.findCase(id);
        }
        out.println("case " + v.caseId() + " from " + v.deviceId() + ", packet " + v.packetId());
        out.println("  officer " + v.officer().orElse("-") + ", created " + v.createdAt().map(this::time).orElse("-")
                + ", sealed " + time(v.sealedAt()) + ", stored " + time(v.storedAt()) + ", " + v.bytes() + " bytes, receipt "
                + v.receiptId());
        out.println("  state " + v.state().id() + v.review().map(r -> " (" + r + ")").orElse("")
                + v.lastStatus().map(st -> ", last status " + st).orElse(""));
        for (CaseFlag f : v.flags()) {
            out.println("  exception " + f.kind() + (f.subject().isEmpty() ? "" : " " + f.subject()) + ": " + f.detail());
        }
        return 0;
    }

    private int rejects(AdminSession s, Optional<String> device, int limit, Optional<Path> csv) throws AdminException {
        List<RejectView> rejects = s.rejects(device, limit);
        List<String> header = List.of("id", "packet", "device", "reason", "detail", "rejected", "resend");
        List<List<String>> rows = new ArrayList<>();
        for (RejectView r : rejects) {
            rows.add(List.of(Long.toString(r.id()), r.packetId().map(UUID::toString).orElse("-"), r.deviceId(), r.reason(),
                    r.detail(), time(r.rejectedAt()), r.resend().map(c -> "command " + c.id() + " " + c.state().id())
                            .orElse("-")));
        }
        return output(s, "rejects", header, rows, csv, rejects.size() + " rejection(s)");
    }

    private int review(AdminSession s) throws AdminException {
        List<CaseView> queue = s.reviewQueue();
        for (CaseView v : queue) {
            out.println(v.packetId() + "  case " + v.caseId() + " from " + v.deviceId() + ", stored " + time(v.storedAt()));
            for (CaseFlag f : v.flags()) {
                out.println("    " + f.kind() + (f.subject().isEmpty() ? "" : " " + f.subject()) + ": " + f.detail());
            }
        }
        out.println(queue.size() + " case(s) to review");
        return 0;
    }

    private int commands(AdminSession s, Optional<String> device, int limit) throws AdminException {
        List<List<String>> rows = new ArrayList<>();
        for (CommandView c : s.commands(device.orElse(null), limit)) {
            rows.add(List.of(Long.toString(c.id()), c.deviceId(), c.type().name(), c.state().id(),
                    c.sequence().map(String::valueOf).orElse("-"), c.reference(), c.requestedBy(), time(c.requestedAt()),
                    c.outcome()));
        }
        table(List.of("id", "device", "type", "state", "number", "about", "by", "requested", "outcome"), rows);
        return 0;
    }

    private int audit(AdminSession s, Optional<String> device, long from, int limit, boolean verify)
            throws AdminException {
        if (verify) {
            AuditCheck check = device.isPresent() ? s.verifyDeviceAudit(device.get()) : s.verifyAdminAudit();
            out.println("trail of " + check.subject() + ": " + check.entries() + " entries, last " + check.lastSeq());
            check.gaps().forEach(g -> out.println("  gap: " + g));
            check.breaks().forEach(b -> out.println("  BROKEN: " + b));
            if (!check.intact()) {
                throw new AdminException(AdminException.Kind.AUDIT_BROKEN, "the trail of " + check.subject() + " has "
                        + check.breaks().size() + " break(s)");
            }
            out.println("  intact" + (check.gaps().isEmpty() ? "" : " (entries not received yet are listed as gaps)"));
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        if (device.isPresent()) {
            for (DeviceAuditEntry e : s.deviceAudit(device.get(), from, limit)) {
                rows.add(List.of(Long.toString(e.seq()), time(e.at()), nz(e.officer()), e.action(), nz(e.caseId()),
                        nz(e.detail()), e.source()));
            }
            table(List.of("seq", "at", "officer", "action", "case", "detail", "received in"), rows);
        } else {
            for (AdminAuditEntry e : s.adminAudit(from, limit)) {
                rows.add(List.of(Long.toString(e.seq()), time(e.at()), e.userId(), e.action(), nz(e.target()),
                        e.outcome(), nz(e.detail())));
            }
            table(List.of("seq", "at", "user", "action", "target", "outcome", "detail"), rows);
        }
        return 0;
    }

    private int report(AdminSession s, Optional<String> device, Optional<LocalDate> from, Optional<LocalDate> to,
            Optional<Path> csv) throws AdminException {
        List<DailyCount> lines = s.report(device, from, to);
        List<String> header = List.of("day", "device", "cases", "median capture to receipt (s)",
                "max capture to receipt (s)", "median seal to receipt (s)", "max seal to receipt (s)");
        List<List<String>> rows = new ArrayList<>();
        for (DailyCount d : lines) {
            rows.add(List.of(d.day().toString(), d.deviceId(), Integer.toString(d.cases()),
                    d.medianCaptureToReceipt().map(x -> Long.toString(x.toSeconds())).orElse("-"),
                    d.maxCaptureToReceipt().map(x -> Long.toString(x.toSeconds())).orElse("-"),
                    Long.toString(d.medianSealToReceipt().toSeconds()), Long.toString(d.maxSealToReceipt().toSeconds())));
        }
        return output(s, "report", header, rows, csv, lines.stream().mapToInt(DailyCount::cases).sum() + " case(s) on "
                + lines.size() + " line(s)");
    }

    private int users(AdminSession s) throws AdminException {
        List<List<String>> rows = new ArrayList<>();
        for (UserView u : s.users()) {
            rows.add(List.of(u.userId(), u.displayName(), u.role().id(), u.disabled() ? "disabled" : "active",
                    Integer.toString(u.failedAttempts()), u.lockedUntil().map(this::time).orElse("-"), u.createdBy()));
        }
        table(List.of("user", "name", "role", "state", "failed attempts", "waits until", "created by"), rows);
        return 0;
    }

    private int workers(AdminSession s) throws AdminException {
        List<IngestWorkerView> workers = s.ingestWorkers();
        List<List<String>> rows = new ArrayList<>();
        for (IngestWorkerView w : workers) {
            rows.add(List.of(w.name(), w.state().id(), w.lastSign().map(this::time).orElse("-")));
        }
        table(List.of("worker", "state", "last sign of life"), rows);
        long alive = workers.stream().filter(w -> w.state() == IngestWorkerView.State.ALIVE).count();
        out.println(workers.size() + " worker(s), " + alive + " alive" + (alive == 0
                ? ": nothing the laptops send is stored until one runs" : ""));
        return 0;
    }

    private int settings(AdminSession s) throws AdminException {
        s.hqSettings().forEach((k, v) -> out.println(k + " = " + v));
        return 0;
    }

    private int enrol(AdminSession s, String device) throws AdminException {
        EnrolmentGrant g = s.enrol(device);
        out.println("enrolment code for " + g.deviceId() + " (one use, until " + time(g.expiresAt()) + "): " + g.code());
        out.println("on the laptop: ./doorstep cli sync-enrol --hq " + g.enrolmentUri().orElse("<HQ's enrolment address>")
                + " --code " + g.code() + " --ca " + g.caFingerprint().orElse("<CA fingerprint>")
                + " --as <officer id> --data <laptop data folder>");
        return 0;
    }

    private int revoke(AdminSession s, String device, RevocationReason crl, String reason) throws AdminException {
        RevocationResult r = s.revoke(device, crl, reason);
        out.println(device + " revoked (" + r.certificates() + " certificate(s)): HQ refuses its packets from now on");
        out.println(r.crlPublished() ? "the broker has the new CRL: it refuses the laptop's next connection"
                : "the broker does not have the new CRL yet (is ./doorstep hq running?): the board shows it when it does");
        out.println("REVOKE command " + r.command().id() + " queued for the laptop");
        return 0;
    }

    private int importMedia(AdminSession s, Path folder) throws AdminException {
        MediaImportResult r = s.importMedia(folder);
        if (r.state().equals("waiting")) {
            throw new AdminException(AdminException.Kind.UNAVAILABLE, "the HQ service has not imported " + folder
                    + " yet (request " + r.requestId() + " stays queued): is ./doorstep hq running?");
        }
        out.println(r.report());
        if (r.state().equals("failed")) {
            throw new AdminException(AdminException.Kind.INPUT, "the import failed");
        }
        return 0;
    }

    private int userAdd(AdminSession s, String id, String name, Role role) throws AdminException {
        char[] password = password("DOORSTEP_HQ_NEW_PASSWORD", "password for the new user " + id + ": ");
        UserView u = s.addUser(id, name, role, password);
        out.println("user " + u.userId() + " (" + u.displayName() + ") added as " + u.role().id());
        return 0;
    }

    private int printCommand(CommandView c, String what) {
        out.println(what + ": command " + c.id() + " (" + c.type() + ") for " + c.deviceId() + ", " + c.state().id()
                + "; the HQ service signs and sends it, valid until " + time(c.expiresAt()));
        return 0;
    }

    // ---- output ------------------------------------------------------------------------------------------------

    private int output(AdminSession s, String what, List<String> header, List<List<String>> rows, Optional<Path> csv,
            String summary) throws AdminException {
        if (csv.isPresent()) {
            try {
                Csv.write(csv.get(), header, rows);
            } catch (IOException e) {
                throw Args.input("cannot write " + csv.get() + ": " + e.getMessage());
            }
            s.recordExport(what + " to " + csv.get().toAbsolutePath(), rows.size());
            out.println(rows.size() + " row(s) written to " + csv.get());
            return 0;
        }
        table(header, rows);
        out.println(summary);
        return 0;
    }

    private void table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], Math.min(60, row.get(i).length()));
            }
        }
        out.println(line(header, width));
        for (List<String> row : rows) {
            out.println(line(row, width));
        }
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = oneLine(cells.get(i));
            if (i == cells.size() - 1) {
                b.append(cell);
            } else {
                b.append(cell).append(" ".repeat(Math.max(0, width[i] - cell.length()))).append("  ");
            }
        }
        return b.toString().stripTrailing();
    }

    private String time(Instant t) {
        return TIME.format(t.atZone(zone));
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        if (s < 86_400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    static String oneLine(String s) {
        return String.valueOf(s).replace("\r", " ").replace("\n", " ");
    }

    // ---- argument values ----------------------------------------------------------------------------------------

    private static Optional<Path> csv(Args a) throws AdminException {
        Optional<String> v = a.one("--csv");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(v.get()).toAbsolutePath();
        if (p.getParent() == null || !Files.isDirectory(p.getParent())) {
            throw Args.input("--csv: the folder of " + v.get() + " does not exist");
        }
        if (Files.isDirectory(p)) {
            throw Args.input("--csv: " + v.get() + " is a folder");
        }
        return Optional.of(p);
    }

    private static Optional<String> device(Args a) throws AdminException {
        Optional<String> d = a.one("--device");
        if (d.isPresent() && !org.doorstep.sync.protocol.Topics.isDeviceId(d.get())) {
            throw Args.input("--device: a device id is 1-64 letters, digits, '.', '_' or '-'");
        }
        return d;
    }

    private static int limit(Args a, int fallback) throws AdminException {
        Optional<String> v = a.one("--limit");
        if (v.isEmpty()) {
            return fallback;
        }
        long n = number(v.get(), "--limit");
        if (n < 1 || n > CaseQuery.MAX_LIMIT) {
            throw Args.input("--limit: 1 to " + CaseQuery.MAX_LIMIT + ", not " + v.get());
        }
        return (int) n;
    }

    private CaseQuery caseQuery(Args a) throws AdminException {
        Optional<HqCaseState> state;
        try {
            state = a.one("--state").map(HqCaseState::byId);
        } catch (IllegalArgumentException e) {
            throw Args.input("--state: " + e.getMessage());
        }
        Optional<LocalDate> from = a.one("--from").map(v -> day(v, "--from"));
        Optional<LocalDate> to = a.one("--to").map(v -> day(v, "--to"));
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw Args.input("--to " + to.get() + " is before --from " + from.get());
        }
        return new CaseQuery(device(a), from, to, state, limit(a, 200));
    }

    private static long number(String v, String option) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadValue(option + ": expected a whole number, not " + v);
        }
    }

    private static LocalDate day(String v, String option) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadValue(option + ": expected a day such as 2026-12-01, not " + v);
        }
    }

    private static UUID packetId(String v) throws AdminException {
        try {
            UUID id = UUID.fromString(v);
            if (id.toString().equals(v.toLowerCase(Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw Args.input("expected a packet id (a UUID such as 0b6c…-…), not " + v);
    }

    private static Role role(String v) throws AdminException {
        try {
            return Role.byId(v);
        } catch (IllegalArgumentException e) {
            throw Args.input(e.getMessage());
        }
    }

    private static RevocationReason crlReason(String v) throws AdminException {
        for (RevocationReason r : RevocationReason.values()) {
            if (r.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(v)) {
                return r;
            }
        }
        throw Args.input("--crl-reason: key-compromise, affiliation-changed, superseded, cessation-of-operation or"
                + " unspecified, not " + v);
    }

    /** A value that is not what its option takes (thrown from lambdas; turned into an INPUT refusal). */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }
}
