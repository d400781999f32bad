package io.strata.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * Where the server is and who the CLI is: {@code ~/.strata/config} (a properties file with {@code url} and
 * {@code token}, mode 0600), which {@code STRATA_URL} and {@code STRATA_TOKEN} override (pipelines).
 * {@code STRATA_CONFIG} names another file.
 */
public final class Config {

    /** The router of the one-machine runtime. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private final Path file;
    private final Properties saved;
    private final Map<String, String> env;

    private Config(Path file, Properties saved, Map<String, String> env) {
        this.file = file;
        this.saved = saved;
        this.env = env;
    }

    /** Reads the file named by the environment, if it exists. */
    public static Config load(Map<String, String> env) {
        Path file = location(env);
        Properties saved = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                saved.load(reader);
            } catch (IOException e) {
                throw new CliException(ExitCode.BAD_INPUT, "cannot read " + file + ": " + e.getMessage());
            }
        }
        return new Config(file, saved, env);
    }

    private static Path location(Map<String, String> env) {
        String named = env.get("STRATA_CONFIG");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".strata", "config");
    }

    /** The server's base URL, without a trailing {@code /} or {@code /api/v1}. */
    public String url() {
        String url = first("STRATA_URL", "url");
        return normalize(url == null ? DEFAULT_URL : url);
    }

    /** The token to send, or {@code null} when not signed in. */
    public String token() {
        return first("STRATA_TOKEN", "token");
    }

    /** The file it is kept in. */
    public Path file() {
        return file;
    }

    private String first(String variable, String key) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        value = saved.getProperty(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A URL as the user gave it, without a trailing {@code /} or {@code /api/v1}. */
    public static String normalize(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.endsWith("/api/v1") ? trimmed.substring(0, trimmed.length() - "/api/v1".length()) : trimmed;
    }

    /** Keeps {@code url} and {@code token} (none: signed out) in the file, readable by its owner only. */
    public void save(String url, String token) {
        saved.setProperty("url", normalize(url));
        if (token == null) {
            saved.remove("token");
        } else {
            saved.setProperty("token", token);
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, ".config", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                saved.store(writer, "strata CLI: the server and the token of `strata login`");
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(ExitCode.INTERNAL, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
