package io.strata.masking.algorithms;

/** Where masking keys come from: {@code $STRATA_HOME/secrets} on one machine, a Kubernetes Secret in a cluster. */
public interface MaskingKeys {

    /** The domain's current key, made on first use. */
    MaskingKey current(String domain);

    /**
     * A given version of a domain's key, to mask again exactly as an earlier run did.
     *
     * @throws RuleError when there is no such key
     */
    MaskingKey byId(String keyId);
}
