/** The masking keys as the API shows them: domains, versions, pins, rotation; never their material. */
package io.strata.masking.keys;
