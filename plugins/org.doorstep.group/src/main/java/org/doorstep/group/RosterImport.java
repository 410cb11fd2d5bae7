package org.doorstep.group;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.identity.IdentityNumber;

/**
 * Gives a roster table its meaning: finds the header row (Chinese or English words, among the first rows, so a
 * title row above it is fine), then checks each row: name, identity number (GB 11643 through the domain's
 * {@link IdentityNumber}), phone, documents (the catalogue's types), address; an identity number seen in an earlier
 * row or already on the session is refused. Every problem of a row is reported; a row with any problem is not
 * imported.
 */
public final class RosterImport {

    /** The header must be among this many first rows. */
    static final int HEADER_SEARCH_ROWS = 10;

    private final Catalogue catalogue;
    private final DocumentNames documents;
    private final LocalDate today;

    public RosterImport(Catalogue catalogue, LocalDate today) {
        this.catalogue = catalogue;
        this.documents = new DocumentNames(catalogue);
        this.today = today;
    }

    /**
     * @param onSession identity numbers already on the session
     * @throws RosterFileException when there is no header row or a required column is missing: nothing is imported
     */
    public ImportReport check(RosterTable table, Collection<String> onSession) throws RosterFileException {
        int headerIndex = -1;
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        for (int i = 0; i < Math.min(HEADER_SEARCH_ROWS, table.rows().size()) && headerIndex < 0; i++) {
            Map<Column, Integer> found = columns(table.rows().get(i));
            if (found.containsKey(Column.NAME) && found.containsKey(Column.ID_NUMBER)) {
                headerIndex = i;
                columns = found;
            }
        }
        if (headerIndex < 0) {
            throw new RosterFileException(GroupProblem.Code.NO_HEADER);
        }
        for (Column c : Column.values()) {
            if (c.required() && !columns.containsKey(c)) {
                throw new RosterFileException(GroupProblem.of(table.rows().get(headerIndex).number(), c.key(),
                        GroupProblem.Code.MISSING_COLUMN));
            }
        }
        Set<String> session = new HashSet<>(onSession);
        Map<String, Integer> seen = new HashMap<>();
        List<RosterEntry> added = new ArrayList<>();
        List<GroupProblem> problems = new ArrayList<>();
        int rows = 0;
        for (RosterTable.Row row : table.rows().subList(headerIndex + 1, table.rows().size())) {
            rows++;
            List<GroupProblem> mine = new ArrayList<>();
            String name = Fields.clean(row.cell(columns.get(Column.NAME)));
            Fields.text(mine, row.number(), Column.NAME.key(), name, true, 50);
            String id = idNumber(row, columns.get(Column.ID_NUMBER), mine);
            if (id != null) {
                Integer earlier = seen.putIfAbsent(id, row.number());
                if (earlier != null) {
                    mine.add(GroupProblem.of(row.number(), Column.ID_NUMBER.key(), GroupProblem.Code.DUPLICATE_IN_FILE,
                            String.valueOf(earlier)));
                } else if (session.contains(id)) {
                    mine.add(GroupProblem.of(row.number(), Column.ID_NUMBER.key(), GroupProblem.Code.ALREADY_IN_SESSION));
                }
            }
            String phone = Fields.clean(row.cell(columns.get(Column.PHONE)));
            Fields.phone(mine, row.number(), Column.PHONE.key(), phone, false);
            List<String> docs = documents(row, columns.get(Column.DOCUMENTS), mine);
            String address = columns.containsKey(Column.ADDRESS) ? Fields.clean(row.cell(columns.get(Column.ADDRESS))) : null;
            Fields.text(mine, row.number(), Column.ADDRESS.key(), address, false, 200);
            if (mine.isEmpty()) {
                added.add(new RosterEntry(UUID.randomUUID().toString(), row.number(), name, id,
                        phone == null ? null : Fields.phoneDigits(phone), docs, address, BoardState.WAITING, null, null));
            }
            problems.addAll(mine);
        }
        if (rows == 0) {
            throw new RosterFileException(GroupProblem.Code.NO_ROWS);
        }
        return new ImportReport(table.format(), rows, added, problems);
    }

    private static Map<Column, Integer> columns(RosterTable.Row row) {
        Map<Column, Integer> found = new EnumMap<>(Column.class);
        for (int i = 0; i < row.cells().size(); i++) {
            for (Column c : Column.values()) {
                if (c.matches(row.cells().get(i))) {
                    found.putIfAbsent(c, i);
                }
            }
        }
        return found;
    }

    private String idNumber(RosterTable.Row row, int column, List<GroupProblem> problems) {
        String text = Fields.clean(row.cell(column));
        if (text == null) {
            problems.add(GroupProblem.of(row.number(), Column.ID_NUMBER.key(), GroupProblem.Code.REQUIRED));
            return null;
        }
        try {
            return IdentityNumber.parse(text, today).value();
        } catch (InvalidInputException e) {
            if (row.numericColumns().contains(column)) {
                problems.add(GroupProblem.of(row.number(), Column.ID_NUMBER.key(), GroupProblem.Code.ID_AS_NUMBER));
            } else {
                // the domain's sentence for the number, without its own field label
                problems.add(GroupProblem.of(row.number(), Column.ID_NUMBER.key(), GroupProblem.Code.ID_NUMBER,
                        e.problems().get(0).code().key()));
            }
            return null;
        }
    }

    private List<String> documents(RosterTable.Row row, int column, List<GroupProblem> problems) {
        String text = Fields.clean(row.cell(column));
        if (text == null) {
            problems.add(GroupProblem.of(row.number(), Column.DOCUMENTS.key(), GroupProblem.Code.REQUIRED));
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        // separators first; a part that is not a name as a whole may be names separated by spaces ("护照 港澳")
        for (String part : text.split("[,，、;；/／+＋\\n]+")) {
            if (part.isBlank()) {
                continue;
            }
            var whole = documents.typeId(part.strip());
            if (whole.isPresent()) {
                ids.add(whole.get());
                continue;
            }
            List<String> words = List.of(part.strip().split("\\s+"));
            if (words.size() > 1 && words.stream().allMatch(w -> documents.typeId(w).isPresent())) {
                words.forEach(w -> ids.add(documents.typeId(w).get()));
            } else {
                String shown = part.strip();
                problems.add(GroupProblem.of(row.number(), Column.DOCUMENTS.key(), GroupProblem.Code.UNKNOWN_DOCUMENT,
                        shown.length() > 30 ? shown.substring(0, 30) : shown));
            }
        }
        return List.copyOf(ids);
    }

    Catalogue catalogue() {
        return catalogue;
    }

    /** The names of the documents for a board or summary, in {@code locale}. */
    public String documentNames(List<String> typeIds, Locale locale) {
        return DocumentNames.names(catalogue, typeIds, locale);
    }
}
