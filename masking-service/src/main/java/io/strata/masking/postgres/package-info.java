/**
 * Masking a PostgreSQL working clone in place: {@link io.strata.masking.postgres.SchemaReader} reads the catalog,
 * {@link io.strata.masking.postgres.InPlaceMasking} rewrites the masked tables with COPY,
 * {@link io.strata.masking.postgres.LeakVerifier} checks afterwards that no original value is left anywhere, and
 * {@link io.strata.masking.postgres.PostgresMasking} runs the three and fails closed.
 */
package io.strata.masking.postgres;
