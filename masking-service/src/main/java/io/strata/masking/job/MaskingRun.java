package io.strata.masking.job;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.strata.masking.subset.SubsetRequest;

/**
 * One masking of one database, keyed by its job: the rules it used (a ruleset may change later), how far it got and
 * its report (rows and values masked per column, the verification, the key ids).
 */
@Entity
@Table(name = "masking_run")
public class MaskingRun extends MaskingRecord {

    @Column(name = "vdb_id", nullable = false)
    public String vdbId;

    /** The ruleset masked with; {@code null} for a job that only subsets. */
    @Column(name = "ruleset_id")
    public String rulesetId;

    /** The subset made in place before masking, {@code null} for none. */
    @Convert(converter = SubsetRequestConverter.class)
    @Column(columnDefinition = "text")
    public SubsetRequest subset;
}
