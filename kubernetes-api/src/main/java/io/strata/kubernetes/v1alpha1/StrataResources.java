package io.strata.kubernetes.v1alpha1;

/** The API group and version of Strata's custom resources, and what they share. */
public final class StrataResources {

    /** The API group. */
    public static final String GROUP = "strata.io";

    /** The API version within the group. */
    public static final String VERSION = "v1alpha1";

    /** The condition every resource has: whether it is usable. */
    public static final String READY = "Ready";

    /** The JSONPath of the Ready condition's status, for printer columns. */
    public static final String READY_PATH = ".status.conditions[?(@.type==\"Ready\")].status";

    /** The condition of a one-shot action: True once it succeeded, False once it failed, Unknown while it runs. */
    public static final String COMPLETE = "Complete";

    /** The JSONPath of the Complete condition's status, for printer columns. */
    public static final String COMPLETE_PATH = ".status.conditions[?(@.type==\"Complete\")].status";

    /** What a moment in a spec looks like: RFC 3339, e.g. 2026-12-03T10:15:30Z. */
    public static final String TIMESTAMP_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?"
            + "(Z|[+-][0-9]{2}:[0-9]{2})$";

    /** What the name of another resource of the namespace looks like (a DNS subdomain). */
    public static final String RESOURCE_NAME_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

    /**
     * The condition of a virtual database in a pod: True once its clone, claim, Secret, Service and StatefulSet are in
     * place (its Ready condition then waits for the pod).
     */
    public static final String PROVISIONED = "Provisioned";

    /**
     * The condition of a resource whose spec can change after it was made: True once the current spec is applied
     * (a VirtualDatabase's changed spec.from moved its data), False with what stands in the way.
     */
    public static final String SPEC_APPLIED = "SpecApplied";

    /** What a namespace's name looks like (a DNS label). */
    public static final String NAMESPACE_PATTERN = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    /** The finalizer by which Strata cleans up what a resource made before it goes. */
    public static final String FINALIZER = "strata.io/cleanup";

    private StrataResources() {
    }
}
