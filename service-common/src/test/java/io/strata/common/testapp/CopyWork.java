package io.strata.common.testapp;

/**
 * Test data: what to copy, the copier's answer, whether it was copied.
 *
 * @param source what to copy; {@code fail} makes the worker fail
 * @param answer the copier's answer
 * @param copied whether the worker copied
 */
public record CopyWork(String source, String answer, boolean copied) {
}
