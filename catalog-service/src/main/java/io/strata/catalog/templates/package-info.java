/** Templates: named sets of datasets provisioned together, and their consistent points. */
package io.strata.catalog.templates;
