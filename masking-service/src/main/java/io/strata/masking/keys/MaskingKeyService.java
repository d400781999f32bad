package io.strata.masking.keys;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.masking.algorithms.MaskingKey;
import io.strata.masking.algorithms.MaskingKeyStore;
import io.strata.masking.algorithms.MaskingKeyStore.KeyDomain;
import io.strata.masking.algorithms.MaskingKeyStore.KeyVersion;
import io.strata.masking.algorithms.RuleError;
import io.strata.masking.ruleset.Ruleset;

/**
 * The masking keys as an administrator sees them: domains, versions, which is current and which rulesets pin an
 * older one; and rotation. Key material is never part of an answer.
 */
@ApplicationScoped
public class MaskingKeyService {

    @Inject
    MaskingKeyStore keys;

    /**
     * A key domain.
     *
     * @param domain its name
     * @param current the id of the key runs use unless a ruleset pins another
     * @param versions its versions, oldest first
     * @param pinnedBy the rulesets that pin one of its versions, as {@code name: keyId}
     */
    public record KeyDomainView(String domain, String current, List<KeyVersionView> versions, List<String> pinnedBy) {
    }

    /**
     * One key version.
     *
     * @param id its id
     * @param version its version
     * @param created when it was made
     */
    public record KeyVersionView(String id, int version, Instant created) {

        static KeyVersionView of(KeyVersion version) {
            return new KeyVersionView(version.id(), version.version(), version.created());
        }
    }

    /** Every domain with a key. */
    @Transactional
    public List<KeyDomainView> list() {
        List<Ruleset> rulesets = Ruleset.listAll();
        return keys.domains().stream().map(domain -> view(domain, rulesets)).toList();
    }

    /** One domain, or 404. */
    @Transactional
    public KeyDomainView get(String domain) {
        return keys.domains().stream().filter(known -> known.domain().equals(domain)).findFirst().map(known -> view(
                known, Ruleset.listAll())).orElseThrow(() -> ApiException.notFound("masking key domain", domain));
    }

    /**
     * Makes the domain's next key version (its first when it has none): runs from now on mask the domain with it,
     * except those of rulesets that pin an older version.
     */
    @Transactional
    public KeyDomainView rotate(String domain) {
        MaskingKey made;
        try {
            made = keys.rotate(domain);
        } catch (RuleError e) {
            throw ApiException.badRequest("domain", e.getMessage());
        } catch (MaskingKeyStore.ReadOnlyKeys e) {
            throw ApiException.conflict(e.getMessage());
        }
        Log.infof("Masking key domain %s rotated: %s is current", domain, made.id());
        return get(domain);
    }

    private static KeyDomainView view(KeyDomain domain, List<Ruleset> rulesets) {
        List<String> pinnedBy = rulesets.stream().filter(ruleset -> ruleset.keyPins != null && ruleset.keyPins
                .containsKey(domain.domain())).map(ruleset -> ruleset.name + ": " + ruleset.keyPins.get(
                        domain
                                .domain()))
                .sorted().toList();
        return new KeyDomainView(domain.domain(), domain.current().id(), domain.versions().stream().map(
                KeyVersionView::of).toList(), pinnedBy);
    }
}
