package org.meridian.server.ops;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.meridian.catalog.RecordJson;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEntry;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.Outcome;
import org.meridian.server.system.DurableTransactions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audits configuration changes. Configuration lives in files and the environment, so it changes
 * between runs, not through the node: at every start the node compares what it runs with to
 * what it ran with last time and records the difference, so an auditor sees, for example, that
 * plain HTTP stopped being refused or a trusted issuer was added, and from which file.
 *
 * <p>Secret values are never recorded, not even as the last value: only a hash, so a change is
 * still noticed. The first start records the whole configuration as the baseline.
 */
public final class ConfigurationChanges {
    private static final String PREFIX = "config:";
    /** Values longer than this are kept as a hash: the settings table holds short text. */
    private static final int LONGEST_KEPT_VALUE = 900;
    private static final String HASHED = "sha256:";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;

    public ConfigurationChanges(DataSource dataSource, AuditLog audit) {
        this.jdbc = new JdbcTemplate(requireNonNull(dataSource, "dataSource is null"));
        this.transactions = new TransactionTemplate(new DurableTransactions(dataSource));
        this.audit = requireNonNull(audit, "audit is null");
    }

    /**
     * Records {@code current} as the configuration in use, auditing how it differs from the last
     * one recorded; nothing is audited when nothing changed.
     *
     * @return the number of settings added, removed or changed (all of them at the first start)
     */
    public int record(EffectiveConfiguration current) {
        return requireNonNull(transactions.execute(status -> {
            Map<String, String> previous = new TreeMap<>();
            jdbc.query("SELECT name, setting_value FROM node_settings WHERE name LIKE ?", row -> {
                previous.put(row.getString(1).substring(PREFIX.length()), row.getString(2));
            }, PREFIX + "%");
            boolean firstStart = previous.isEmpty();
            Map<String, String> kept = new LinkedHashMap<>();
            Map<String, String> details = new TreeMap<>();
            for (EffectiveConfiguration.Setting setting : current.settings()) {
                String value = kept(setting);
                kept.put(setting.name(), value);
                String before = previous.remove(setting.name());
                if (!value.equals(before)) {
                    details.put(setting.name(), before == null ? shown(setting, value)
                            : shown(before, setting) + " → " + shown(setting, value));
                }
            }
            previous.keySet().forEach(name -> details.put(name, "(no longer set)"));
            if (details.isEmpty()) {
                return 0;
            }
            audit.append(AuditEntry.of(Actor.SYSTEM, firstStart ? "config.baseline" : "config.change", "node-configuration",
                    Outcome.SUCCESS, AuditEntry.NO_REQUEST, details));
            jdbc.update("DELETE FROM node_settings WHERE name LIKE ?", PREFIX + "%");
            jdbc.batchUpdate("INSERT INTO node_settings (name, setting_value) VALUES (?, ?)", kept.entrySet().stream()
                    .map(entry -> new Object[] {PREFIX + entry.getKey(), entry.getValue()}).toList());
            return details.size();
        }));
    }

    /** What is stored: the value, or a hash of it when it is secret or too long to keep. */
    private static String kept(EffectiveConfiguration.Setting setting) {
        if (setting.secret() || setting.value().length() > LONGEST_KEPT_VALUE) {
            return HASHED + RecordJson.sha256Hex(setting.value());
        }
        return setting.value();
    }

    private static String shown(EffectiveConfiguration.Setting setting, String kept) {
        if (setting.secret()) {
            return "******";
        }
        return kept.startsWith(HASHED) ? "(long value)" : kept + " (" + setting.origin() + ")";
    }

    private static String shown(String before, EffectiveConfiguration.Setting setting) {
        if (setting.secret()) {
            return "******";
        }
        return before.startsWith(HASHED) ? "(long value)" : before;
    }
}
