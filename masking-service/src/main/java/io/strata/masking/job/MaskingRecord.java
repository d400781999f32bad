package io.strata.masking.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.ObjectMapConverter;
import io.strata.common.persistence.StringListConverter;
import io.strata.common.persistence.StringMapConverter;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.ruleset.MaskingRulesConverter;
import io.strata.masking.ruleset.Ruleset;
import io.strata.masking.subset.SubsetRequest;

/**
 * What every masking keeps, whatever it masked (a virtual database, the working VDB of a masked dataset): its job,
 * the ruleset's rules, key pins and version as they were when it began, how it ended, its report or error.
 */
@MappedSuperclass
public abstract class MaskingRecord extends PanacheEntityBase {

    /** RUNNING until the job ends. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "ruleset_version", nullable = false)
    public int rulesetVersion;

    @Convert(converter = MaskingRulesConverter.class)
    @Column(columnDefinition = "text", nullable = false)
    public List<MaskingRule> rules;

    @Convert(converter = StringListConverter.class)
    @Column(name = "public_text", columnDefinition = "text", nullable = false)
    public List<String> publicText;

    @Convert(converter = StringMapConverter.class)
    @Column(name = "key_pins", columnDefinition = "text", nullable = false)
    public Map<String, String> keyPins;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** How many times a worker began masking: more than one means a restart interrupted it. */
    @Column(nullable = false)
    public int attempts;

    @Convert(converter = ObjectMapConverter.class)
    @Column(columnDefinition = "text")
    public Map<String, Object> report;

    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /**
     * Takes the ruleset as it is now: a change to it later does not change what this run masks with. {@code null}
     * for a run that only subsets: no rules.
     */
    public void takeRuleset(Ruleset ruleset) {
        if (ruleset == null) {
            rulesetVersion = 0;
            rules = List.of();
            publicText = List.of();
            keyPins = Map.of();
            return;
        }
        rulesetVersion = ruleset.version;
        rules = ruleset.rules;
        publicText = ruleset.publicText;
        keyPins = ruleset.keyPins;
    }

    /** What to mask with: the rules taken, and the subset to make first ({@code null} for none). */
    public DatabaseMasking.Instructions instructions(SubsetRequest subset) {
        return new DatabaseMasking.Instructions(rules, publicText, keyPins, subset);
    }

    /** Ends the record: succeeded with the report, or failed with the error. */
    public void finish(Map<String, Object> finalReport, String failure) {
        status = failure == null ? Status.SUCCEEDED : Status.FAILED;
        report = finalReport;
        error = failure;
        finishedAt = Instant.now();
    }
}
