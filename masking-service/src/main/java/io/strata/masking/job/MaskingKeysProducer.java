package io.strata.masking.job;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import io.strata.common.config.StrataServiceConfig;
import io.strata.masking.algorithms.FileMaskingKeys;
import io.strata.masking.algorithms.MaskingKeyStore;
import io.strata.masking.algorithms.SecretDirectoryKeys;
import io.strata.masking.config.MaskingConfig;

/** The service's masking keys: files under the secrets directory, or a mounted Kubernetes Secret. */
@ApplicationScoped
public class MaskingKeysProducer {

    @Inject
    MaskingConfig config;

    @Inject
    StrataServiceConfig service;

    @Produces
    @ApplicationScoped
    MaskingKeyStore keys() {
        if (config.keysSecretDirectory().isPresent()) {
            return new SecretDirectoryKeys(Path.of(config.keysSecretDirectory().get()));
        }
        return new FileMaskingKeys(Path.of(config.keysDirectory().orElse(Path.of(service.home(), "secrets",
                "masking-keys").toString())));
    }
}
