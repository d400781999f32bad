/**
 * The ingest service: environments (local, SSH, Kubernetes), discovery of database installations and databases,
 * linking sources and keeping them in sync. Its REST resources live in {@code rest/}, its rules in {@code service/}.
 */
package io.strata.ingest;
