package io.strata.masking.profiling;

import java.util.List;

import io.strata.masking.algorithms.MaskingRule;

/**
 * What profiling found in a dataset, and the ruleset it suggests.
 *
 * @param dataset the virtual database profiled, by id
 * @param sampleRows the most rows sampled per table
 * @param tablesSampled how many tables were read
 * @param columns the findings, by table and then column order
 * @param ruleset the suggested rules, as the body of {@code POST /api/v1/rulesets} without its name
 * @param publicTextCandidates character columns with no finding whose text shares words with the name dictionaries
 *        ({@code table.column}): once names are masked, the leak check may find an original name in them by chance.
 *        Profiling does not look for names inside text, so it cannot tell a song title from a note about a customer;
 *        declaring a column public text is left to a person
 * @param unreadTables tables that could not be read, and why
 */
public record Inventory(String dataset, int sampleRows, int tablesSampled, List<Finding> columns,
        RulesetDraft ruleset, List<String> publicTextCandidates, List<UnreadTable> unreadTables) {

    /** Copies that no caller changes. */
    public Inventory {
        columns = List.copyOf(columns);
        publicTextCandidates = List.copyOf(publicTextCandidates);
        unreadTables = List.copyOf(unreadTables);
    }

    /**
     * A ruleset without its name.
     *
     * @param rules one rule per finding that has a suggestion
     * @param publicText columns whose text is public: none until a person says so
     */
    public record RulesetDraft(List<MaskingRule> rules, List<String> publicText) {

        /** Copies that no caller changes. */
        public RulesetDraft {
            rules = List.copyOf(rules);
            publicText = List.copyOf(publicText);
        }
    }

    /**
     * A table profiling could not read.
     *
     * @param table the table
     * @param reason the database's message
     */
    public record UnreadTable(String table, String reason) {
    }
}
