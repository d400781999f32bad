package io.strata.catalog.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.catalog.config.CatalogConfig;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.schema.SchemaReady;
import io.strata.common.secrets.Passwords;

/**
 * The first start makes user {@code admin}: its password is {@code STRATA_ADMIN_PASSWORD} when set, otherwise the
 * content of {@code $STRATA_HOME/admin-password}, which is generated (mode 0600) when absent. The password is never
 * logged; the log says where it is.
 */
@ApplicationScoped
public class FirstAdmin {

    /** The file holding the first admin's password, under {@code $STRATA_HOME}. */
    public static final String PASSWORD_FILE = "admin-password";

    @Inject
    CatalogConfig config;

    @Inject
    StrataServiceConfig service;

    @Inject
    UserService users;

    void onSchemaReady(@Observes SchemaReady ready) {
        if (users.hasUsers()) {
            return;
        }
        String password;
        String from;
        if (config.auth().adminPassword().isPresent()) {
            password = config.auth().adminPassword().get();
            from = "STRATA_ADMIN_PASSWORD";
        } else {
            Path file = Path.of(service.home(), PASSWORD_FILE);
            password = readOrCreate(file);
            from = file.toString();
        }
        if (users.createFirstAdmin(password)) {
            Log.infof("Made the first user, admin, with the password from %s; sign in with POST /api/v1/auth/token",
                    from);
        }
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), PASSWORD_FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            String password = Passwords.generate();
            Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the first admin's password in " + file, e);
        }
    }
}
