package io.strata.common.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.strata.common.config.StrataServiceConfig;

/**
 * Passwords and keys, kept out of databases, events, logs and API answers. Each secret is a small map stored
 * encrypted (AES-256-GCM) under {@code $STRATA_HOME/secrets/store/<name>}, with a master key in
 * {@code $STRATA_HOME/secrets/master.key} (mode 0600) made on first use. Events and rows carry only the secret's
 * name, so the service that needs a credential (provisioning mounting on an SSH host the ingest service registered)
 * reads it here. On one machine all services share the directory; on Kubernetes the chart gives ingest, masking and
 * provisioning one ReadWriteMany claim for the store (they write it at run time) and the master key from a Secret.
 */
@ApplicationScoped
public class SecretStore {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,127}");
    private static final int NONCE_BYTES = 12;

    @Inject
    StrataServiceConfig config;

    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();

    /** Stores (or replaces) a secret. */
    public synchronized void put(String name, Map<String, String> values) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(values));
            Path file = file(name);
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions
                    .fromString("rwx------")));
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, Base64.getEncoder().encodeToString(nonce) + "." + Base64.getEncoder()
                    .encodeToString(sealed));
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt secret " + name, e);
        }
    }

    /** A secret's values; empty when there is no such secret. */
    public Map<String, String> get(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            String[] parts = Files.readString(file).strip().split("\\.");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, Base64.getDecoder().decode(parts[0])));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(Base64.getDecoder().decode(parts[1]));
            return new LinkedHashMap<>(json.readValue(plain, new TypeReference<Map<String, String>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt secret " + name + " (was the master key replaced?)", e);
        }
    }

    /** Deletes a secret (no error if absent). */
    public void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid secret name " + name);
        }
        return Path.of(config.home(), "secrets", "store", name);
    }

    private synchronized SecretKeySpec key() throws IOException {
        Path keyFile = Path.of(config.home(), "secrets", "master.key");
        if (!Files.exists(keyFile)) {
            Files.createDirectories(keyFile.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions
                    .fromString("rwx------")));
            byte[] key = new byte[32];
            random.nextBytes(key);
            Path temporary = keyFile.resolveSibling("master.key.tmp");
            Files.write(temporary, Base64.getEncoder().encode(key));
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            try {
                Files.move(temporary, keyFile, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another service made it first: use theirs.
                Files.deleteIfExists(temporary);
            }
        }
        return new SecretKeySpec(Base64.getDecoder().decode(Files.readString(keyFile).strip()), "AES");
    }
}
