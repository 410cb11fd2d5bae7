package org.doorstep.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A group session at a company as stored in the vault: the company, the fields filled once, the roster in import
 * order with each employee's board state.
 *
 * @param revision the vault's revision of this state (a save names it, so stale screens are refused)
 * @param ended    when the officer ended the session; {@code null} while it runs
 */
public record GroupSession(String id, int revision, Instant created, Company company, CompanyWideFields fields,
        List<RosterEntry> entries, Instant ended) {

    public GroupSession {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(fields, "fields");
        entries = List.copyOf(entries);
    }

    /** The next one to call: the first waiting employee in roster order. */
    public Optional<RosterEntry> nextApplicant() {
        return entries.stream().filter(e -> e.state() == BoardState.WAITING).findFirst();
    }

    public Optional<RosterEntry> entry(String entryId) {
        return entries.stream().filter(e -> e.id().equals(entryId)).findFirst();
    }

    public List<RosterEntry> entriesIn(BoardState state) {
        return entries.stream().filter(e -> e.state() == state).toList();
    }

    GroupSession with(List<RosterEntry> newEntries) {
        return new GroupSession(id, revision, created, company, fields, newEntries, ended);
    }

    GroupSession with(CompanyWideFields newFields) {
        return new GroupSession(id, revision, created, company, newFields, entries, ended);
    }

    GroupSession endedAt(Instant at) {
        return new GroupSession(id, revision, created, company, fields, entries, at);
    }

    GroupSession replacing(RosterEntry changed) {
        List<RosterEntry> list = new ArrayList<>(entries);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(changed.id())) {
                list.set(i, changed);
            }
        }
        return with(list);
    }
}
