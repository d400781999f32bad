/**
 * The custom resources of group {@code strata.io}, version {@code v1alpha1}: the Java model from which the CRDs are
 * generated. Every field's description is what {@code kubectl explain} prints.
 */
package io.strata.kubernetes.v1alpha1;
