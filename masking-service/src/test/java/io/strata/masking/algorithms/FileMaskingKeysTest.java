package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileMaskingKeysTest {

    @TempDir
    Path home;

    @Test
    void theFirstUseMakesVersionOneAndLaterUsesGetTheSameKey() {
        Path secrets = home.resolve("secrets/masking-keys");
        MaskingKey first = new FileMaskingKeys(secrets).current("names");

        assertThat(first.id()).isEqualTo("names-v1");
        assertThat(first.domain()).isEqualTo("names");
        assertThat(first.material()).hasSize(32);
        assertThat(secrets.resolve("names/v1.key")).exists();
        assertThat(new FileMaskingKeys(secrets).current("names")).isEqualTo(first);
        assertThat(new FileMaskingKeys(secrets).current("cards").material()).isNotEqualTo(first.material());
    }

    @Test
    void rotationMakesTheNextVersionAndTheOldOneStaysReadable() {
        FileMaskingKeys keys = new FileMaskingKeys(home);
        MaskingKey v1 = keys.current("names");

        MaskingKey v2 = keys.rotate("names");

        assertThat(v2.id()).isEqualTo("names-v2");
        assertThat(v2.material()).isNotEqualTo(v1.material());
        FileMaskingKeys another = new FileMaskingKeys(home);
        assertThat(another.current("names")).isEqualTo(v2);
        assertThat(another.byId("names-v1")).isEqualTo(v1);
        assertThat(another.byId("names-v2")).isEqualTo(v2);
    }

    @Test
    void theDomainsAreListedWithTheirVersionsAndNoMaterial() {
        FileMaskingKeys keys = new FileMaskingKeys(home.resolve("keys"));
        assertThat(keys.domains()).isEmpty();
        keys.current("names");
        keys.rotate("names");
        keys.current("cards");

        assertThat(keys.domains()).extracting(MaskingKeyStore.KeyDomain::domain).containsExactly("cards", "names");
        MaskingKeyStore.KeyDomain names = keys.domains().get(1);
        assertThat(names.versions()).extracting(MaskingKeyStore.KeyVersion::id).containsExactly("names-v1",
                "names-v2");
        assertThat(names.current().version()).isEqualTo(2);
        assertThat(names.current().created()).isNotNull();
    }

    @Test
    void keyFilesAndDirectoriesAreTheOwnersOnly() throws Exception {
        Path secrets = home.resolve("masking-keys");
        new FileMaskingKeys(secrets).current("names");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("names"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("names/v1.key"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(secrets.resolve("names"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("v1.key");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Names", "../names", "a/b", "names_1", "names.v1",
            "a-domain-name-that-is-much-longer-than-forty"})
    void aBadDomainIsRefused(String domain) {
        FileMaskingKeys keys = new FileMaskingKeys(home);

        assertThatThrownBy(() -> keys.current(domain)).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("params.domain"));
        assertThatThrownBy(() -> keys.rotate(domain)).isInstanceOf(RuleError.class);
        assertThat(home).isEmptyDirectory();
    }

    @Test
    void anUnknownOrMalformedKeyIdIsRefused() {
        FileMaskingKeys keys = new FileMaskingKeys(home);
        keys.current("names");

        assertThatThrownBy(() -> keys.byId("names-v7")).isInstanceOfSatisfying(RuleError.class, error -> {
            assertThat(error.field()).isEqualTo("key");
            assertThat(error.getMessage()).contains("no key names-v7").contains("deleted or never made");
        });
        assertThatThrownBy(() -> keys.byId("cards-v1")).isInstanceOf(RuleError.class);
        assertThatThrownBy(() -> keys.byId("names")).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("key"));
        assertThatThrownBy(() -> keys.byId(null)).isInstanceOf(RuleError.class);
    }

    @Test
    void aDamagedKeyFileIsReportedWithoutItsContent() throws Exception {
        Path domain = Files.createDirectories(home.resolve("names"));
        String content = "c2hvcnQtYnV0LXNlY3JldA==";
        Files.writeString(domain.resolve("v1.key"), content, StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> new FileMaskingKeys(home).current("names"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged")
                .hasMessageNotContaining(content);
    }

    @Test
    void processesRacingForTheFirstKeyAllGetTheSameOne() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MaskingKey>> keys = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            // One instance each, as separate processes would have: no shared memory, only the directory.
            FileMaskingKeys process = new FileMaskingKeys(home);
            keys.add(pool.submit(() -> {
                start.await();
                return process.current("names");
            }));
        }
        start.countDown();
        Set<String> materials = keys.stream()
                .map(FileMaskingKeysTest::get)
                .map(key -> new String(key.material(), StandardCharsets.ISO_8859_1))
                .collect(Collectors.toSet());
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(materials).hasSize(1);
        try (var files = Files.list(home.resolve("names"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("v1.key");
        }
        assertThat(new FileMaskingKeys(home).current("names").material()).isEqualTo(
                materials.iterator().next().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static MaskingKey get(Future<MaskingKey> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
