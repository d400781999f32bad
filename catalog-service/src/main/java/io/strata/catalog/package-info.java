/**
 * The catalog service: the self-service layer (templates, data pods, bookmarks, branches, users) and the one view
 * of everything, starting with the joined view of every service's jobs.
 */
package io.strata.catalog;
