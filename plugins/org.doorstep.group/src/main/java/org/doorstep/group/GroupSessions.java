package org.doorstep.group;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistItem;
import org.doorstep.domain.checklist.ChecklistJson;
import org.doorstep.domain.form.FormJson;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.Vault;

/**
 * Group sessions over the vault: create one for a company, import rosters, call the next applicant and start their
 * case, follow the board, end with a summary. Every change loads the stored session, changes it and saves it with
 * the revision it was loaded at (one vault transaction with its audit entry), so a session resumes after a restart
 * exactly as it was left, and a refused change leaves it untouched.
 */
public final class GroupSessions {

    /** Case states that mean the applicant's part is done at the company. */
    private static final Set<CaseState> DONE_STATES = Set.of(CaseState.COMPLETE, CaseState.SEALED, CaseState.QUEUED,
            CaseState.SENT, CaseState.DELIVERED, CaseState.SHREDDED);

    private final Vault vault;
    private final Catalogue catalogue;
    private final Clock clock;
    private final CaseStarter starter;
    private final RosterLimits limits;

    public GroupSessions(Vault vault, Catalogue catalogue, Clock clock) {
        this(vault, catalogue, clock, new VaultCaseStarter(vault, catalogue), RosterLimits.DEFAULT);
    }

    public GroupSessions(Vault vault, Catalogue catalogue, Clock clock, CaseStarter starter, RosterLimits limits) {
        this.vault = vault;
        this.catalogue = catalogue;
        this.clock = clock;
        this.starter = starter;
        this.limits = limits;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** The names of catalogue document types for a board or summary, e.g. "普通护照、往来港澳通行证". */
    public String documentNames(List<String> typeIds, Locale locale) {
        return DocumentNames.names(catalogue, typeIds, locale);
    }

    /** Creates a session; the company and the fields must be valid (else every problem, nothing stored). */
    public synchronized GroupSession create(Company company, CompanyWideFields fields) {
        List<GroupProblem> problems = new ArrayList<>(company.problems());
        problems.addAll(fields.problems());
        if (!problems.isEmpty()) {
            throw new GroupInputException(problems);
        }
        GroupSession draft = new GroupSession("new", 0, clock.instant(), company, fields, List.of(), null);
        var stored = vault.groupSessions().create(SessionJson.write(draft), "company " + company.creditCode());
        return SessionJson.read(stored);
    }

    /** Every session on this laptop, the one changed last first (the one to resume). */
    public synchronized List<GroupSession> list() {
        return vault.groupSessions().list().stream().map(SessionJson::read).toList();
    }

    public synchronized GroupSession get(String id) {
        return SessionJson.read(vault.groupSessions().get(id).orElseThrow(
                () -> new IllegalArgumentException("there is no group session " + id)));
    }

    public synchronized GroupSession updateFields(String id, CompanyWideFields fields) {
        List<GroupProblem> problems = fields.problems();
        if (!problems.isEmpty()) {
            throw new GroupInputException(problems);
        }
        GroupSession s = running(id);
        return save(s.with(fields), "company-wide fields changed");
    }

    /**
     * Reads a roster file (CSV or XLSX, by content), checks every row and adds the good ones to the session in one
     * save. A file that cannot be read at all changes nothing.
     */
    public synchronized ImportReport importRoster(String id, byte[] file) throws RosterFileException {
        GroupSession s = running(id);
        RosterTable table = RosterFiles.read(file, limits);
        ImportReport report = new RosterImport(catalogue, LocalDate.now(clock)).check(table,
                s.entries().stream().map(RosterEntry::idNumber).toList());
        if (!report.added().isEmpty()) {
            List<RosterEntry> entries = new ArrayList<>(s.entries());
            entries.addAll(report.added());
            save(s.with(entries), "roster imported (" + report.format() + "): " + report.added().size() + " added, "
                    + "rows refused: " + report.refusedRows());
        }
        return report;
    }

    public synchronized Optional<RosterEntry> nextApplicant(String id) {
        return get(id).nextApplicant();
    }

    /** Calls the next waiting applicant and starts their case. */
    public synchronized RosterEntry callNext(String id) {
        RosterEntry next = running(id).nextApplicant()
                .orElseThrow(() -> new GroupInputException(GroupProblem.of(0, "board", GroupProblem.Code.NO_ONE_WAITING)));
        return start(id, next.id());
    }

    /**
     * Starts an applicant: a waiting one (or one on follow-up without a case) gets a new case pre-filled from the
     * roster and the company-wide fields; one on follow-up with a case goes back to it.
     */
    public synchronized RosterEntry start(String id, String entryId) {
        GroupSession s = running(id);
        RosterEntry e = entry(s, entryId);
        if (e.state() != BoardState.WAITING && e.state() != BoardState.FOLLOW_UP) {
            throw transition(e);
        }
        String caseId = e.caseId() != null ? e.caseId() : starter.start(s, e);
        RosterEntry started = e.withState(BoardState.IN_PROGRESS, null, caseId);
        save(s.replacing(started), "entry " + shortId(e.id()) + " started, case " + shortId(caseId));
        return started;
    }

    /** Marks an applicant done; refused while their case is not complete. */
    public synchronized RosterEntry markDone(String id, String entryId) {
        GroupSession s = running(id);
        RosterEntry e = entry(s, entryId);
        if (e.state() != BoardState.IN_PROGRESS || e.caseId() == null) {
            throw transition(e);
        }
        if (!DONE_STATES.contains(vault.cases().get(e.caseId()).state())) {
            throw new GroupInputException(GroupProblem.of(e.row(), "board", GroupProblem.Code.CASE_NOT_COMPLETE));
        }
        RosterEntry done = e.withState(BoardState.DONE, null, e.caseId());
        save(s.replacing(done), "entry " + shortId(e.id()) + " done");
        return done;
    }

    /** Moves every applicant in progress whose case is complete to done; saves only if something changed. */
    public synchronized GroupSession refresh(String id) {
        GroupSession s = get(id);
        List<RosterEntry> entries = new ArrayList<>();
        int changed = 0;
        for (RosterEntry e : s.entries()) {
            if (e.state() == BoardState.IN_PROGRESS && e.caseId() != null
                    && DONE_STATES.contains(vault.cases().get(e.caseId()).state())) {
                entries.add(e.withState(BoardState.DONE, null, e.caseId()));
                changed++;
            } else {
                entries.add(e);
            }
        }
        return changed == 0 ? s : save(s.with(entries), changed + " entries done from their cases");
    }

    /** Puts an applicant on follow-up with the reason (required), from waiting or in progress. */
    public synchronized RosterEntry followUp(String id, String entryId, String reason) {
        String why = Fields.clean(reason);
        List<GroupProblem> problems = new ArrayList<>();
        Fields.text(problems, 0, "reason", why, true, 300);
        if (!problems.isEmpty()) {
            throw new GroupInputException(problems);
        }
        GroupSession s = running(id);
        RosterEntry e = entry(s, entryId);
        if (e.state() == BoardState.DONE) {
            throw transition(e);
        }
        RosterEntry f = e.withState(BoardState.FOLLOW_UP, why, e.caseId());
        save(s.replacing(f), "entry " + shortId(e.id()) + " needs follow-up");
        return f;
    }

    /** Ends the session: nothing more can be imported or started; the summary stays. */
    public synchronized GroupSession end(String id) {
        GroupSession s = running(id);
        return save(s.endedAt(clock.instant()), "ended");
    }

    /** The summary, with the materials accepted pending read from each case's checklist (when it has one). */
    public synchronized SessionSummary summary(String id, Locale locale) {
        GroupSession s = get(id);
        Map<BoardState, Integer> counts = new EnumMap<>(BoardState.class);
        for (BoardState state : BoardState.values()) {
            counts.put(state, s.entriesIn(state).size());
        }
        List<RosterEntry> notFinished = new ArrayList<>(s.entriesIn(BoardState.WAITING));
        notFinished.addAll(s.entriesIn(BoardState.IN_PROGRESS));
        List<SessionSummary.Pending> pending = new ArrayList<>();
        for (RosterEntry e : s.entries()) {
            if (e.caseId() != null) {
                pending.addAll(pendingOf(e, locale));
            }
        }
        return new SessionSummary(s.company().name(), counts, s.entriesIn(BoardState.FOLLOW_UP), notFinished, pending);
    }

    private List<SessionSummary.Pending> pendingOf(RosterEntry e, Locale locale) {
        CaseSummary c = vault.cases().get(e.caseId());
        if (c.state() == CaseState.SHREDDED) {
            return List.of();
        }
        List<String> slots = vault.cases().items(e.caseId()).stream().map(ItemInfo::slot).toList();
        if (!slots.contains("checklist") || !slots.contains(VaultCaseStarter.FORM_SLOT)) {
            return List.of();
        }
        Checklist checklist = Checklist.restore(catalogue, FormJson.read(vault.cases().read(e.caseId(), "form")),
                ChecklistJson.read(vault.cases().read(e.caseId(), "checklist")));
        List<SessionSummary.Pending> list = new ArrayList<>();
        for (ChecklistItem item : checklist.items()) {
            if (item.isPending()) {
                list.add(new SessionSummary.Pending(e.id(), e.name(), item.material().name().in(locale),
                        item.deadline().orElse(null)));
            }
        }
        return list;
    }

    private GroupSession running(String id) {
        GroupSession s = get(id);
        if (s.ended() != null) {
            throw new GroupInputException(GroupProblem.of(0, "board", GroupProblem.Code.SESSION_ENDED));
        }
        return s;
    }

    private static RosterEntry entry(GroupSession s, String entryId) {
        return s.entry(entryId).orElseThrow(() -> new IllegalArgumentException("no entry " + entryId + " in the session"));
    }

    private static GroupInputException transition(RosterEntry e) {
        return new GroupInputException(GroupProblem.of(e.row(), "board", GroupProblem.Code.TRANSITION, e.state().name()));
    }

    private GroupSession save(GroupSession s, String auditDetail) {
        return SessionJson.read(vault.groupSessions().save(s.id(), s.revision(), SessionJson.write(s), auditDetail));
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
