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

    /**
     * Refuses (409) anyone but the Kubernetes operator the deletion of an object a Kubernetes resource made: the
     * operator would make it again at once, since the resource is what says it should exist.
     *
     * @param what the object, for the message, e.g. "Virtual database orders-qa"
     * @param managedBy the resource it was made for ({@code namespace/name}), or {@code null} for one made over REST
     * @param kind the resource's kind, e.g. {@code VirtualDatabase}
     * @param kubectlName what kubectl calls that kind, e.g. {@code virtualdatabase}
     */
    public void requireMayDeleteManaged(String what, String managedBy, String kind, String kubectlName) {
        if (managedBy != null && !isKubernetesOperator()) {
            String[] resource = managedBy.split("/", 2);
            throw ApiException.conflict(what + " is managed by the Kubernetes resource " + kind + " " + managedBy
                    + "; delete that resource instead (kubectl delete " + kubectlName + " -n " + resource[0] + " "
                    + resource[resource.length - 1] + ").");
        }
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
