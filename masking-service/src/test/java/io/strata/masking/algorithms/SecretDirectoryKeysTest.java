package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from a Secret mounted the way the kubelet mounts one: an entry per key id, behind its own symlinks. */
class SecretDirectoryKeysTest {

    @TempDir
    Path mount;

    private byte[] key(int seed) {
        byte[] material = new byte[FileMaskingKeys.KEY_LENGTH];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) (seed * 31 + i);
        }
        return material;
    }

    /** Writes entries as the kubelet does: files in a dated directory, linked through ..data. */
    private void mountSecret(String... entries) throws Exception {
        Path dated = Files.createDirectories(mount.resolve("..2026_12_03_07_00_00.123"));
        for (int i = 0; i < entries.length; i++) {
            byte[] content = i % 2 == 0
                    ? Base64.getEncoder().encodeToString(key(i)).getBytes(
                            StandardCharsets.US_ASCII)
                    : key(i);
            Files.write(dated.resolve(entries[i]), content);
        }
        Files.createSymbolicLink(mount.resolve("..data"), dated.getFileName());
        for (String entry : entries) {
            Files.createSymbolicLink(mount.resolve(entry), Path.of("..data", entry));
        }
    }

    @Test
    void theHighestVersionIsCurrentAndEveryVersionIsReadableInBase64OrRaw() throws Exception {
        mountSecret("names-v1", "names-v2", "card-numbers-v1");
        SecretDirectoryKeys keys = new SecretDirectoryKeys(mount);

        assertThat(keys.current("names").id()).isEqualTo("names-v2");
        assertThat(keys.current("names").material()).isEqualTo(key(1));
        assertThat(keys.byId("names-v1").material()).isEqualTo(key(0));
        assertThat(keys.current("card-numbers").material()).isEqualTo(key(2));
        assertThat(keys.domains()).extracting(MaskingKeyStore.KeyDomain::domain).containsExactly("card-numbers",
                "names");
        assertThat(keys.domains().get(1).versions()).extracting(MaskingKeyStore.KeyVersion::id).containsExactly(
                "names-v1", "names-v2");
    }

    @Test
    void aDomainWithoutAKeyFailsWithTheCommandThatAddsOneAndNothingIsWritten() throws Exception {
        mountSecret("names-v1");
        SecretDirectoryKeys keys = new SecretDirectoryKeys(mount);

        assertThatThrownBy(() -> keys.current("emails")).isInstanceOfSatisfying(RuleError.class, error -> {
            assertThat(error.field()).isEqualTo("params.domain");
            assertThat(error.getMessage()).contains("no key of the domain emails").contains("kubectl patch secret")
                    .contains("emails-v1");
        });
        assertThatThrownBy(() -> keys.rotate("names")).isInstanceOf(MaskingKeyStore.ReadOnlyKeys.class)
                .hasMessageContaining("names-v2");
        assertThatThrownBy(() -> keys.byId("names-v3")).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("key"));
        try (var entries = Files.list(mount)) {
            assertThat(entries.map(entry -> entry.getFileName().toString())).containsExactlyInAnyOrder("..data",
                    "..2026_12_03_07_00_00.123", "names-v1");
        }
    }

    @Test
    void aDamagedEntryIsReportedWithoutItsContent() throws Exception {
        Files.writeString(mount.resolve("names-v1"), "dG9vLXNob3J0");

        assertThatThrownBy(() -> new SecretDirectoryKeys(mount).current("names"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged")
                .hasMessageNotContaining("dG9vLXNob3J0");
    }

    @Test
    void anUnmountedSecretHasNoDomains() {
        assertThat(new SecretDirectoryKeys(mount.resolve("missing")).domains()).isEmpty();
    }
}
