package io.strata.masking.job;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import io.strata.common.config.StrataServiceConfig;
import io.strata.masking.algorithms.FileMaskingKeys;
import io.strata.masking.algorithms.MaskingKeys;
import io.strata.masking.config.MaskingConfig;

/** The service's masking keys: files under the secrets directory (a mounted Secret in Kubernetes). */
@ApplicationScoped
public class MaskingKeysProducer {

    @Inject
    MaskingConfig config;

    @Inject
    StrataServiceConfig service;

    @Produces
    @ApplicationScoped
    MaskingKeys keys() {
        return new FileMaskingKeys(Path.of(config.keysDirectory().orElse(Path.of(service.home(), "secrets",
                "masking-keys").toString())));
    }
}
