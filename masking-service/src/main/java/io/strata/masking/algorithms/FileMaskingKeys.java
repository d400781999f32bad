package io.strata.masking.algorithms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Masking keys kept as files on one machine: {@code <directory>/<domain>/v<version>.key}, each 32 random bytes in
 * base64, readable by the service's user only (files 0600, directories 0700). A domain's first key is made on first
 * use; {@link #rotate} makes the next version, and older versions stay readable so that an earlier run can be
 * repeated exactly. Several processes may share the directory: a key file appears whole or not at all, and when two
 * make the same version at once the first one's key is the one both use. Key material never appears in a log or an
 * exception's message.
 */
public final class FileMaskingKeys implements MaskingKeyStore {

    /** The length of a key, in bytes (an AES-256 key, and an HMAC-SHA256 key of the hash's size). */
    public static final int KEY_LENGTH = 32;

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9-]{1,40}");
    /** A key id: its domain, then its version. */
    static final Pattern KEY_ID = Pattern.compile("([a-z0-9-]{1,40})-v([1-9][0-9]{0,8})");
    private static final Pattern KEY_FILE = Pattern.compile("v([1-9][0-9]{0,8})\\.key");
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE = PosixFilePermissions
            .asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path directory;
    private final SecureRandom random = new SecureRandom();
    // A key file never changes once written, so what was read once can be kept.
    private final Map<String, MaskingKey> loaded = new ConcurrentHashMap<>();

    /**
     * @param directory where the keys live, {@code $STRATA_HOME/secrets/masking-keys} for the service; made (0700)
     *        when missing
     */
    public FileMaskingKeys(Path directory) {
        this.directory = directory;
    }

    /**
     * Checks a key domain's name: 1 to 40 lower-case letters, digits or dashes, so that it is a safe directory name.
     *
     * @throws RuleError naming {@code params.domain} otherwise
     */
    public static void checkDomain(String domain) {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new RuleError("params.domain", "A key domain is 1 to 40 lower-case letters, digits or dashes "
                    + "(like names or card-numbers); '" + domain + "' is not.");
        }
    }

    /** The domain's newest key, made (as version 1) on the domain's first use. */
    @Override
    public MaskingKey current(String domain) {
        checkDomain(domain);
        int latest = latestVersion(domainDirectory(domain));
        return latest == 0 ? create(domain, 1) : load(domain, latest);
    }

    /**
     * Makes the domain's next key version, which {@link #current} returns from then on. When another process rotates
     * at the same moment, both get the one key that process or this one made.
     */
    @Override
    public MaskingKey rotate(String domain) {
        checkDomain(domain);
        return create(domain, latestVersion(domainDirectory(domain)) + 1);
    }

    /**
     * The key of that id ({@code <domain>-v<version>}).
     *
     * @throws RuleError naming {@code key} when the id is malformed or no such key exists
     */
    @Override
    public MaskingKey byId(String keyId) {
        Matcher id = parseId(keyId);
        String domain = id.group(1);
        int version = Integer.parseInt(id.group(2));
        if (!Files.exists(keyFile(domain, version))) {
            throw new RuleError("key", "There is no key " + keyId + "; it was deleted or never made. Mask with the "
                    + "domain's current key, or restore the key's file from a backup.");
        }
        return load(domain, version);
    }

    /** Every domain directory that holds a key, with its versions (made when the file was last modified). */
    @Override
    public List<KeyDomain> domains() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<KeyDomain> domains = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path domainDirectory : entries.sorted().toList()) {
                String domain = domainDirectory.getFileName().toString();
                if (!DOMAIN.matcher(domain).matches() || !Files.isDirectory(domainDirectory)) {
                    continue;
                }
                List<KeyVersion> versions = new ArrayList<>();
                for (int version : versions(domainDirectory)) {
                    versions.add(new KeyVersion(id(domain, version), version, Files.getLastModifiedTime(keyFile(
                            domain, version)).toInstant()));
                }
                if (!versions.isEmpty()) {
                    domains.add(new KeyDomain(domain, versions));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the keys in " + directory, e);
        }
        return domains;
    }

    /**
     * Parses a key id.
     *
     * @throws RuleError naming {@code key} when it is not one
     */
    static Matcher parseId(String keyId) {
        Matcher id = KEY_ID.matcher(keyId == null ? "" : keyId);
        if (!id.matches()) {
            throw new RuleError("key", "'" + keyId + "' is not a masking key id; an id is a domain and a version, "
                    + "like names-v1.");
        }
        return id;
    }

    /**
     * A key's material from a file's content: 32 bytes in base64 (what this class writes, and what a Secret made
     * with {@code --from-literal} holds), or the 32 bytes themselves.
     *
     * @throws IllegalStateException naming the file, never its content, when it holds neither
     */
    static byte[] decode(Path file, byte[] content) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException notBase64) {
            material = content.length == KEY_LENGTH ? content : new byte[0];
        }
        if (material.length != KEY_LENGTH) {
            // Neither the content nor the exception that parsed it goes into the message: it may be most of a key.
            throw new IllegalStateException("The key file " + file + " is damaged (it should hold " + KEY_LENGTH
                    + " bytes, or those bytes in base64); restore it from a backup.");
        }
        return material;
    }

    private Path domainDirectory(String domain) {
        Path domainDirectory = directory.resolve(domain);
        try {
            if (!Files.isDirectory(domainDirectory)) {
                if (!Files.isDirectory(directory)) {
                    Files.createDirectories(directory, DIRECTORY_MODE);
                }
                Files.createDirectories(domainDirectory, DIRECTORY_MODE);
            }
            return domainDirectory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the key directory " + domainDirectory, e);
        }
    }

    private static int latestVersion(Path domainDirectory) {
        List<Integer> versions = versions(domainDirectory);
        return versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
    }

    /** The versions of the key files in a domain's directory, ascending. */
    private static List<Integer> versions(Path domainDirectory) {
        try (Stream<Path> files = Files.list(domainDirectory)) {
            return files.map(file -> KEY_FILE.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(name -> Integer.parseInt(name.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the keys in " + domainDirectory, e);
        }
    }

    private Path keyFile(String domain, int version) {
        return directory.resolve(domain).resolve("v" + version + ".key");
    }

    /**
     * Writes a new key to a temporary file, then gives it its name with a hard link, which (unlike a rename) fails
     * when the name exists: of two processes making the same version, the first one's key stands and the other
     * reads it.
     */
    private MaskingKey create(String domain, int version) {
        Path target = keyFile(domain, version);
        byte[] material = new byte[KEY_LENGTH];
        random.nextBytes(material);
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), ".v" + version + "-", ".tmp", FILE_MODE);
            writeDurably(temporary, Base64.getEncoder().encode(material));
            Files.createLink(target, temporary);
            return remember(new MaskingKey(domain, id(domain, version), material));
        } catch (FileAlreadyExistsException lost) {
            return load(domain, version);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key " + id(domain, version) + " to " + target, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void writeDurably(Path file, byte[] encoded) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(encoded.length + 1).put(encoded).put((byte) '\n').flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // A key lost in a crash would make earlier masked copies impossible to reproduce.
            channel.force(true);
        }
    }

    private MaskingKey load(String domain, int version) {
        String id = id(domain, version);
        MaskingKey known = loaded.get(id);
        if (known != null) {
            return known;
        }
        Path file = keyFile(domain, version);
        try {
            return remember(new MaskingKey(domain, id, decode(file, Files.readAllBytes(file))));
        } catch (NoSuchFileException e) {
            throw new RuleError("key", "There is no key " + id + "; it was deleted or never made.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key " + id + " from " + file, e);
        }
    }

    private MaskingKey remember(MaskingKey key) {
        MaskingKey first = loaded.putIfAbsent(key.id(), key);
        return first == null ? key : first;
    }

    private static String id(String domain, int version) {
        return domain + "-v" + version;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file holds a key nobody uses; it harms nothing and is not worth failing for.
        }
    }
}
