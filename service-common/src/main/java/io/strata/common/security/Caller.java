package io.strata.common.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import io.strata.common.errors.ApiException;

/**
 * Who sent the current request, as its verified token says: set by {@link AccessControl} before the resource runs,
 * so that services can record owners and check them. Outside a request (jobs, event handlers) there is no caller.
 */
@RequestScoped
public class Caller {

    private String username;
    private Set<Role> roles = Set.of();

    /**
     * The user a service's Kubernetes operators act as: admin, since the cluster's RBAC has already decided who may
     * apply the resource; a name no real user can have (user names have no ':').
     */
    public static final String KUBERNETES_OPERATOR = "system:kubernetes-operator";

    /** Makes the current (activated) request context's caller the Kubernetes operator, for a reconcile. */
    public void actAsKubernetesOperator() {
        set(KUBERNETES_OPERATOR, Set.of(Role.ADMIN));
    }

    /** Whether the caller is a service's Kubernetes operator. */
    public boolean isKubernetesOperator() {
        return KUBERNETES_OPERATOR.equals(username);
    }

    void set(String username, Set<Role> roles) {
        this.username = username;
        this.roles = Set.copyOf(roles);
    }

    /** The user name ({@code upn} claim), or {@code null} on a public endpoint. */
    public String username() {
        return username;
    }

    /** The caller's roles. */
    public Set<Role> roles() {
        return roles;
    }

    /** Whether the caller is an admin. */
    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** Whether the caller is {@code owner} or an admin: admins see and change everything. */
    public boolean isOwnerOrAdmin(String owner) {
        return isAdmin() || (username != null && username.equals(owner));
    }

    /**
     * Refuses with a 403 unless the caller is an admin.
     *
     * @param what what needs the role, for the message, e.g. "Provisioning from sensitive source 'crm'"
     */
    public void requireAdmin(String what) {
        if (!isAdmin()) {
            throw ApiException.forbidden(what + " needs role admin; user '" + username + "' has "
                    + AccessControl.names(roles) + ".");
        }
    }
}
