package org.meridian.server.publishing;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which organisation owns which records, by master id: every version of a record, in every
 * stage, belongs to the organisation that first published it. Records loaded by an operator
 * (`meridian ingest`, the demo) have no owner until a node administrator assigns one.
 */
final class RecordOwners {
    private static final int LOOKUP_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    RecordOwners(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(requireNonNull(dataSource, "dataSource is null"));
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The owning organisation of each of {@code masterIds} that has one. */
    Map<String, String> ownersOf(Collection<String> masterIds) {
        Map<String, String> owners = new HashMap<>();
        List<String> values = List.copyOf(masterIds);
        for (int start = 0; start < values.size(); start += LOOKUP_CHUNK) {
            named.query("SELECT master_id, organisation_id FROM record_owners WHERE master_id IN (:ids)",
                    new MapSqlParameterSource("ids", values.subList(start, Math.min(values.size(), start + LOOKUP_CHUNK))),
                    row -> {
                        owners.put(row.getString(1), row.getString(2));
                    });
        }
        return owners;
    }

    /** Records new owners; the caller has checked that none of the master ids has one yet. */
    void claim(Map<String, String> organisationByMasterId) {
        jdbc.batchUpdate("INSERT INTO record_owners (master_id, organisation_id) VALUES (?, ?)",
                organisationByMasterId.entrySet().stream()
                        .map(entry -> new Object[] {entry.getKey(), entry.getValue()})
                        .toList());
    }
}
