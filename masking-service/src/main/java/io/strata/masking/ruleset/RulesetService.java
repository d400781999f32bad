package io.strata.masking.ruleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.common.security.Caller;
import io.strata.common.util.Ids;
import io.strata.masking.algorithms.Algorithms;
import io.strata.masking.algorithms.MaskingKeys;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.algorithms.PinnedKeys;
import io.strata.masking.algorithms.RuleError;

/**
 * The rules of rulesets: every rule names a known algorithm with parameters it accepts, at most one rule per column;
 * a change makes a new version. Whether the tables and columns exist is checked against a database when the ruleset
 * is used, since one ruleset serves every copy of a dataset.
 */
@ApplicationScoped
public class RulesetService {

    @Inject
    MaskingKeys keys;

    @Inject
    Instance<RulesetUsers> users;

    @Inject
    Caller caller;

    /** Makes a ruleset. */
    @Transactional
    public RulesetView create(RulesetRequest request) {
        return create(request, null);
    }

    /**
     * Makes a ruleset for a Kubernetes resource ({@code namespace/name}), which it remembers; {@code null} for one
     * made over REST.
     */
    @Transactional
    public RulesetView create(RulesetRequest request, String managedBy) {
        if (Ruleset.count("name", request.name()) > 0) {
            throw ApiException.conflict("A ruleset named " + request.name() + " exists already; choose another name "
                    + "or change it with PUT /api/v1/rulesets/{id}.");
        }
        Ruleset ruleset = new Ruleset();
        ruleset.id = Ids.next("rs");
        ruleset.name = request.name();
        ruleset.version = 1;
        ruleset.rules = checked(request.rules());
        ruleset.publicText = List.copyOf(request.publicTextOrNone());
        ruleset.keyPins = checkedPins(request.keys());
        ruleset.createdAt = Instant.now();
        ruleset.updatedAt = ruleset.createdAt;
        ruleset.managedBy = managedBy;
        ruleset.persist();
        Log.infof("Ruleset %s (%s) made with %d rules", ruleset.name, ruleset.id, ruleset.rules.size());
        return RulesetView.of(ruleset);
    }

    /** Replaces a ruleset's name and rules: its next version. */
    @Transactional
    public RulesetView update(String id, RulesetRequest request) {
        Ruleset ruleset = require(id);
        if (!ruleset.name.equals(request.name()) && Ruleset.count("name", request.name()) > 0) {
            throw ApiException.conflict("A ruleset named " + request.name() + " exists already; choose another "
                    + "name.");
        }
        ruleset.rules = checked(request.rules());
        ruleset.publicText = List.copyOf(request.publicTextOrNone());
        ruleset.keyPins = checkedPins(request.keys());
        ruleset.name = request.name();
        ruleset.version++;
        ruleset.updatedAt = Instant.now();
        return RulesetView.of(ruleset);
    }

    /** Deletes a ruleset no running job uses; finished runs keep the rules they used. */
    @Transactional
    public void delete(String id) {
        Ruleset ruleset = require(id);
        caller.requireMayDeleteManaged("Ruleset " + ruleset.name, ruleset.managedBy, "MaskingRuleset",
                "maskingruleset");
        for (RulesetUsers user : users) {
            user.holds(ruleset).ifPresent(reason -> {
                throw ApiException.conflict(reason);
            });
        }
        ruleset.delete();
    }

    /** The ruleset made for a Kubernetes resource ({@code namespace/name}), if there is one. */
    @Transactional
    public Optional<RulesetView> managedBy(String resource) {
        return Ruleset.<Ruleset>find("managedBy", resource).firstResultOptional().map(RulesetView::of);
    }

    /** Every ruleset, by name. */
    @Transactional
    public List<RulesetView> list() {
        return Ruleset.<Ruleset>listAll(io.quarkus.panache.common.Sort.by("name")).stream().map(RulesetView::of)
                .toList();
    }

    /** A ruleset by id or name, or 404. */
    @Transactional
    public Ruleset require(String id) {
        Ruleset ruleset = Ruleset.byIdOrName(id);
        if (ruleset == null) {
            throw ApiException.notFound("ruleset", id);
        }
        return ruleset;
    }

    /** The key pins, each naming an existing key of its domain; a 400 names the first at fault. */
    private Map<String, String> checkedPins(Map<String, String> pins) {
        try {
            return PinnedKeys.checked(pins, keys);
        } catch (RuleError e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
    }

    /** The rules, each checked on its own and against the others; a 400 names the first rule at fault. */
    static List<MaskingRule> checked(List<RulesetRequest.Rule> requested) {
        List<MaskingRule> rules = new ArrayList<>();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            MaskingRule rule = requested.get(i).toRule();
            String column = (rule.table() + "." + rule.column()).toLowerCase(Locale.ROOT);
            Integer earlier = columns.putIfAbsent(column, i);
            if (earlier != null) {
                throw ApiException.badRequest("rules[" + i + "].column", "rules[" + earlier + "] masks " + column
                        + " already; one rule per column.");
            }
            try {
                Algorithms.check(rule);
            } catch (RuleError e) {
                throw ApiException.badRequest("rules[" + i + "]." + e.field(), e.getMessage());
            }
            rules.add(rule);
        }
        return rules;
    }
}
