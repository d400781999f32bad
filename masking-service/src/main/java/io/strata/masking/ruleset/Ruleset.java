package io.strata.masking.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.StringListConverter;
import io.strata.common.persistence.StringMapConverter;
import io.strata.masking.algorithms.MaskingRule;

/** A named set of masking rules. Every change makes a new version; what a run masked with is kept with the run. */
@Entity
@Table(name = "ruleset")
public class Ruleset extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(nullable = false)
    public int version;

    @Convert(converter = MaskingRulesConverter.class)
    @Column(columnDefinition = "text", nullable = false)
    public List<MaskingRule> rules;

    /** Columns ({@code table.column}) whose text is public, so the leak check does not look inside them. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "public_text", columnDefinition = "text", nullable = false)
    public List<String> publicText;

    /** Key versions pinned by domain ({@code names -> names-v1}); other domains use their current key. */
    @Convert(converter = StringMapConverter.class)
    @Column(name = "key_pins", columnDefinition = "text", nullable = false)
    public Map<String, String> keyPins;

    /**
     * The Kubernetes resource ({@code MaskingRuleset}, {@code namespace/name}) this ruleset was made for: its operator finds
     * it by this, and the REST API leaves its deletion to the resource. {@code null} for one made over REST.
     */
    @Column(name = "managed_by")
    public String managedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A ruleset by id or name, or {@code null}. */
    public static Ruleset byIdOrName(String idOrName) {
        Ruleset ruleset = findById(idOrName);
        return ruleset != null ? ruleset : find("name", idOrName).firstResult();
    }
}
