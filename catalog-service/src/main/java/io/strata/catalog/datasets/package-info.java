/** The catalog of datasets: sources, masked datasets and virtual databases with their lineage, from events. */
package io.strata.catalog.datasets;
