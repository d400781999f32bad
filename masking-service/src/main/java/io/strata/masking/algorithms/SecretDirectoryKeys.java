package io.strata.masking.algorithms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Masking keys from a Kubernetes Secret mounted as a directory: each of the Secret's entries is a file named by its
 * key id ({@code names-v1}, {@code names-v2}, {@code card-numbers-v1}) holding 32 random bytes, in base64 or as they
 * are. The cluster's administrators make and rotate the keys by changing the Secret; the kubelet updates the files,
 * and every run reads them again, so a new version is used from the next run on without a restart. The service never
 * writes here: a domain without a key fails the run with the command that adds one.
 */
public final class SecretDirectoryKeys implements MaskingKeyStore {

    private final Path directory;

    /** @param directory where the Secret is mounted */
    public SecretDirectoryKeys(Path directory) {
        this.directory = directory;
    }

    /** The domain's highest version in the Secret. */
    @Override
    public MaskingKey current(String domain) {
        FileMaskingKeys.checkDomain(domain);
        List<KeyVersion> versions = versions().getOrDefault(domain, List.of());
        if (versions.isEmpty()) {
            throw new RuleError("params.domain", "The masking keys come from a Kubernetes Secret mounted at "
                    + directory + ", and it has no key of the domain " + domain + ". Add one, then run again: "
                    + "kubectl patch secret <the keys' Secret> --type merge -p \"{\\\"stringData\\\":{\\\"" + domain
                    + "-v1\\\":\\\"$(head -c 32 /dev/urandom | base64)\\\"}}\"");
        }
        return byId(versions.get(versions.size() - 1).id());
    }

    @Override
    public MaskingKey byId(String keyId) {
        Matcher id = FileMaskingKeys.parseId(keyId);
        Path file = directory.resolve(keyId);
        try {
            return new MaskingKey(id.group(1), keyId, FileMaskingKeys.decode(file, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            throw new RuleError("key", "The Kubernetes Secret mounted at " + directory + " has no key " + keyId
                    + "; add it back from a backup of the Secret, or mask with the domain's current key.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key " + keyId + " from " + file, e);
        }
    }

    @Override
    public List<KeyDomain> domains() {
        List<KeyDomain> domains = new ArrayList<>();
        versions().forEach((domain, versions) -> domains.add(new KeyDomain(domain, versions)));
        return domains;
    }

    /** Refused: the Secret is the cluster's to change. */
    @Override
    public MaskingKey rotate(String domain) {
        FileMaskingKeys.checkDomain(domain);
        int next = versions().getOrDefault(domain, List.of()).size() + 1;
        throw new ReadOnlyKeys("The masking keys come from a Kubernetes Secret mounted at " + directory + "; the "
                + "service cannot change it. Rotate by adding the next version to the Secret: kubectl patch secret "
                + "<the keys' Secret> --type merge -p \"{\\\"stringData\\\":{\\\"" + domain + "-v" + next
                + "\\\":\\\"$(head -c 32 /dev/urandom | base64)\\\"}}\"");
    }

    /** The key ids in the directory, by domain, each domain's ascending. */
    private Map<String, List<KeyVersion>> versions() {
        Map<String, List<KeyVersion>> byDomain = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return byDomain;
        }
        // A mounted Secret also holds the kubelet's own entries (..data, ..2026_12_03...); their names are no key ids.
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                Matcher id = FileMaskingKeys.KEY_ID.matcher(entry.getFileName().toString());
                if (id.matches() && Files.isRegularFile(entry)) {
                    byDomain.computeIfAbsent(id.group(1), domain -> new ArrayList<>()).add(new KeyVersion(id
                            .group(0), Integer.parseInt(id.group(2)), modified(entry)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the keys in " + directory, e);
        }
        byDomain.values().forEach(versions -> versions.sort(Comparator.comparingInt(KeyVersion::version)));
        return byDomain;
    }

    private static Instant modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant();
    }
}
