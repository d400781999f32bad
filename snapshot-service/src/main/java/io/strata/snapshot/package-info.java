/**
 * The snapshot service: the copy-on-write pool behind a driver interface, volumes, snapshots, clones, NFS exports,
 * timelines, retention and space accounting.
 */
package io.strata.snapshot;
