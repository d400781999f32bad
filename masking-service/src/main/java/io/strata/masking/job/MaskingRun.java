package io.strata.masking.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.ObjectMapConverter;
import io.strata.common.persistence.StringListConverter;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.ruleset.MaskingRulesConverter;
import io.strata.masking.subset.SubsetRequest;

/**
 * One masking of one database, keyed by its job: the rules it used (a ruleset may change later), how far it got and
 * its report (rows and values masked per column, the verification, the key ids).
 */
@Entity
@Table(name = "masking_run")
public class MaskingRun extends PanacheEntityBase {

    /** RUNNING until the job ends. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "vdb_id", nullable = false)
    public String vdbId;

    @Column(name = "ruleset_id", nullable = false)
    public String rulesetId;

    @Column(name = "ruleset_version", nullable = false)
    public int rulesetVersion;

    @Convert(converter = MaskingRulesConverter.class)
    @Column(columnDefinition = "text", nullable = false)
    public List<MaskingRule> rules;

    @Convert(converter = StringListConverter.class)
    @Column(name = "public_text", columnDefinition = "text", nullable = false)
    public List<String> publicText;

    /** The subset made in place before masking, {@code null} for none. */
    @Convert(converter = SubsetRequestConverter.class)
    @Column(columnDefinition = "text")
    public SubsetRequest subset;

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
}
