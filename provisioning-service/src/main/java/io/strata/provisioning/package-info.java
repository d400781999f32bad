/** The provisioning service: virtual databases, their lifecycle, and attachments of volumes to environments. */
package io.strata.provisioning;
