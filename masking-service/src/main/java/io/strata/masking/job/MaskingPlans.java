package io.strata.masking.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.masking.algorithms.Algorithms;
import io.strata.masking.algorithms.ColumnInfo;
import io.strata.masking.algorithms.Masker;
import io.strata.masking.algorithms.MaskingKeys;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.algorithms.PinnedKeys;
import io.strata.masking.algorithms.RuleError;
import io.strata.masking.mariadb.MariaDbSchemaReader;
import io.strata.masking.postgres.ColumnRef;
import io.strata.masking.postgres.ConnectionFactory;
import io.strata.masking.postgres.DatabaseSchema;
import io.strata.masking.postgres.ForeignKey;
import io.strata.masking.postgres.SchemaReader;

/**
 * A ruleset applied to one database's schema: every rule's table and column found, every algorithm configured for its
 * column with its domain's current key, or the version the ruleset pins. The same check answers a request (a 400 naming the rule) and starts the work.
 */
@ApplicationScoped
public class MaskingPlans {

    /** The parameters that name another column of the same row. */
    private static final List<String> ROW_COLUMN_PARAMETERS = List.of("entityColumn", "firstNameColumn",
            "lastNameColumn");

    @Inject
    MaskingKeys keys;

    /**
     * The maskers of each column and the key ids they use.
     *
     * @param maskers the masker of each masked column
     * @param keyIds the ids of the keys used, sorted
     * @param publicText the columns whose text the leak check does not search
     */
    public record Plan(Map<ColumnRef, Masker> maskers, List<String> keyIds, Set<ColumnRef> publicText) {
    }

    /** A rule that does not fit the database: its index in the ruleset, the field at fault, and why. */
    public static class RuleMismatch extends RuntimeException {

        private final String field;

        RuleMismatch(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The field at fault, e.g. {@code rules[2].column}. */
        public String field() {
            return field;
        }
    }

    /**
     * Refuses a parameter that names another column of the row (the entity a date shift or an address follows, the
     * name columns an e-mail is made from) when the table has no such column: the masker would quietly fall back to
     * the value alone.
     */
    private static void checkRowColumns(DatabaseSchema schema, MaskingRule rule) {
        for (String parameter : ROW_COLUMN_PARAMETERS) {
            if (rule.parameters().get(parameter) instanceof String named) {
                try {
                    schema.columnInfo(rule.table(), named);
                } catch (RuleError e) {
                    throw new RuleError("params." + parameter, e.getMessage());
                }
            }
        }
    }

    /**
     * The plan of these rules on the database behind {@code connections}.
     *
     * @throws RuleMismatch when a rule does not fit the database
     * @throws SQLException when the database cannot be read
     */
    public Plan plan(ConnectionFactory connections, List<MaskingRule> rules, List<String> publicText,
            Map<String, String> keyPins) throws SQLException {
        MaskingKeys pinned = pinned(keyPins);
        DatabaseSchema schema;
        try (Connection connection = connections.open()) {
            schema = connections.mariaDb() ? MariaDbSchemaReader.read(connection) : SchemaReader.read(connection);
        }
        Map<ColumnRef, Masker> maskers = new LinkedHashMap<>();
        Map<ColumnRef, Integer> ruleOf = new HashMap<>();
        TreeSet<String> keyIds = new TreeSet<>();
        for (int i = 0; i < rules.size(); i++) {
            MaskingRule rule = rules.get(i);
            try {
                ColumnInfo column = schema.columnInfo(rule.table(), rule.column());
                checkRowColumns(schema, rule);
                Algorithms.Configured configured = Algorithms.create(rule, column, pinned);
                ColumnRef masked = new ColumnRef(column.table(), column.column());
                maskers.put(masked, configured.masker());
                ruleOf.put(masked, i);
                keyIds.addAll(configured.keyIds());
            } catch (RuleError e) {
                throw new RuleMismatch("rules[" + i + "]." + e.field(), e.getMessage());
            }
        }
        checkForeignKeys(schema, rules, ruleOf);
        Set<ColumnRef> publicColumns = new LinkedHashSet<>();
        for (int i = 0; i < publicText.size(); i++) {
            try {
                ColumnRef column = ColumnRef.parse(publicText.get(i));
                ColumnInfo info = schema.columnInfo(column.table(), column.column());
                publicColumns.add(new ColumnRef(info.table(), info.column()));
            } catch (RuleError e) {
                throw new RuleMismatch("publicText[" + i + "]", e.getMessage());
            }
        }
        return new Plan(maskers, List.copyOf(keyIds), publicColumns);
    }

    /**
     * Refuses rules that would break a foreign key: a column on one side masked and the matching column on the other
     * side not, or masked by another rule. Both sides masked by the same algorithm with the same parameters (and so
     * the same key) give a parent's key and its children's references the same masked value.
     */
    private static void checkForeignKeys(DatabaseSchema schema, List<MaskingRule> rules,
            Map<ColumnRef, Integer> ruleOf) {
        for (ForeignKey foreignKey : schema.foreignKeys()) {
            for (int c = 0; c < foreignKey.columns().size(); c++) {
                ColumnRef child = new ColumnRef(foreignKey.table(), foreignKey.columns().get(c));
                ColumnRef parent = new ColumnRef(foreignKey.referencedTable(), foreignKey.referencedColumns().get(c));
                Integer childRule = ruleOf.get(child);
                Integer parentRule = ruleOf.get(parent);
                if (childRule == null && parentRule == null) {
                    continue;
                }
                int at = parentRule != null ? parentRule : childRule;
                ColumnRef other = parentRule != null ? child : parent;
                String why = child + " references " + parent + " (foreign key " + foreignKey.name() + ")";
                if (childRule == null || parentRule == null) {
                    throw new RuleMismatch("rules[" + at + "].column", why + ", and no rule masks " + other
                            + ": the references would no longer find their rows. Mask " + other + " with the same "
                            + "algorithm and parameters too, or mask neither.");
                }
                MaskingRule parentMasking = rules.get(parentRule);
                MaskingRule childMasking = rules.get(childRule);
                if (!parentMasking.algorithm().equals(childMasking.algorithm()) || !parentMasking.parameters().equals(
                        childMasking.parameters())) {
                    throw new RuleMismatch("rules[" + childRule + "].algorithm", why + ", and the two are masked "
                            + "by different rules (rules[" + parentRule + "] and rules[" + childRule + "]), so their "
                            + "masked values would differ. Give both the same algorithm and parameters.");
                }
            }
        }
    }

    /** The keys with the ruleset's pins, each pinned key checked first: it may have been deleted since. */
    private MaskingKeys pinned(Map<String, String> keyPins) {
        try {
            PinnedKeys.checked(keyPins, keys);
        } catch (RuleError e) {
            throw new RuleMismatch(e.field(), e.getMessage());
        }
        return new PinnedKeys(keys, keyPins);
    }
}
