/**
 * Subsetting: keeps, on a private copy of a PostgreSQL database, the rows a user asks for and every row they need,
 * and deletes the rest. {@link io.strata.masking.subset.SubsetExecutor} describes the rules.
 */
package io.strata.masking.subset;
