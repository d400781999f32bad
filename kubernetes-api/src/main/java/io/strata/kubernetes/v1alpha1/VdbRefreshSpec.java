package io.strata.kubernetes.v1alpha1;

/** A refresh: the virtual database to the parent's newest snapshot, or to the snapshot or bookmark named. */
public class VdbRefreshSpec extends VdbActionSpec {
}
