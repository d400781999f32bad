package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** How a {@link Source} reaches its database; the password stays in a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceConnection {

    @JsonPropertyDescription("The database server's host, as the environment sees it.")
    @Required
    private String host;

    @JsonPropertyDescription("Its port; default: the engine's (5432).")
    @Min(1)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("The database to link.")
    @Required
    private String database;

    @JsonPropertyDescription("The role Strata connects as (it needs replication, and read on every table).")
    @Required
    private String user;

    @JsonPropertyDescription("The Secret key holding the role's password.")
    private SecretKeyRef passwordSecret;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public SecretKeyRef getPasswordSecret() {
        return passwordSecret;
    }

    public void setPasswordSecret(SecretKeyRef passwordSecret) {
        this.passwordSecret = passwordSecret;
    }
}
