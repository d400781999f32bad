package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * What an {@link Environment} should be: the fields of {@code POST /api/v1/environments}, with the credentials in a
 * Secret rather than in the spec. Nothing of it can change once registered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvironmentSpec {

    @JsonPropertyDescription("Its name in Strata (GET /api/v1/environments), unique there; default: metadata.name. 1 "
            + "to 63 letters, digits, '_', '.' or '-'. Sources and virtual databases name it.")
    @Pattern("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
    private String name;

    @JsonPropertyDescription("How it is reached: ssh (host, port, user, a private key or password, hostKey) or "
            + "kubernetes (namespace, pod, container, with the ingest service's own Kubernetes credentials).")
    @Required
    @Pattern("^(ssh|kubernetes)$")
    private String kind;

    @JsonPropertyDescription("ssh: the host's name or address.")
    @Pattern("^.{1,253}$")
    private String host;

    @JsonPropertyDescription("ssh: its SSH port; default 22.")
    @Min(1)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("ssh: the login user.")
    private String user;

    @JsonPropertyDescription("ssh: the Secret key holding a private key (OpenSSH or PEM, without passphrase). "
            + "Exactly one of privateKeySecret and passwordSecret.")
    private SecretKeyRef privateKeySecret;

    @JsonPropertyDescription("ssh: the Secret key holding the user's password.")
    private SecretKeyRef passwordSecret;

    @JsonPropertyDescription("ssh: the server's public host key (ssh-ed25519 AAAA..., from ssh-keyscan); required "
            + "unless pinHostKey.")
    private String hostKey;

    @JsonPropertyDescription("ssh: trust the key the server presents on first contact and pin it (only when the key "
            + "cannot be had another way); the pinned key is in status.hostKey.")
    private Boolean pinHostKey;

    @JsonPropertyDescription("kubernetes: the namespace of the pod; default: default.")
    @Pattern(StrataResources.RESOURCE_NAME_PATTERN)
    private String namespace;

    @JsonPropertyDescription("kubernetes: the pod commands are executed in.")
    @Pattern(StrataResources.RESOURCE_NAME_PATTERN)
    private String pod;

    @JsonPropertyDescription("kubernetes: the container in the pod; default: its first.")
    private String container;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

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

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public SecretKeyRef getPrivateKeySecret() {
        return privateKeySecret;
    }

    public void setPrivateKeySecret(SecretKeyRef privateKeySecret) {
        this.privateKeySecret = privateKeySecret;
    }

    public SecretKeyRef getPasswordSecret() {
        return passwordSecret;
    }

    public void setPasswordSecret(SecretKeyRef passwordSecret) {
        this.passwordSecret = passwordSecret;
    }

    public String getHostKey() {
        return hostKey;
    }

    public void setHostKey(String hostKey) {
        this.hostKey = hostKey;
    }

    public Boolean getPinHostKey() {
        return pinHostKey;
    }

    public void setPinHostKey(Boolean pinHostKey) {
        this.pinHostKey = pinHostKey;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getPod() {
        return pod;
    }

    public void setPod(String pod) {
        this.pod = pod;
    }

    public String getContainer() {
        return container;
    }

    public void setContainer(String container) {
        this.container = container;
    }
}
