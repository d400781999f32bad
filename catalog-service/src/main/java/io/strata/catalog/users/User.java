package io.strata.catalog.users;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.StringListConverter;

/** A person or pipeline that signs in: a unique name, a bcrypt password hash and roles. */
@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String username;

    /** bcrypt, in the modular crypt format ({@code $2y$<cost>$...}); the cost is read back from it. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    /** The roles' wire names ({@code admin}, {@code owner}, {@code reader}). */
    @Convert(converter = StringListConverter.class)
    @Column(columnDefinition = "text", nullable = false)
    public List<String> roles;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A user by id or user name, or {@code null}. */
    public static User byIdOrName(String idOrName) {
        User user = findById(idOrName);
        return user != null ? user : find("username", idOrName).firstResult();
    }
}
