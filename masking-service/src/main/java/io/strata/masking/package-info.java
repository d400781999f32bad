/** The masking service: profiling, rulesets, deterministic keyed masking, credential reset and subsetting. */
package io.strata.masking;
