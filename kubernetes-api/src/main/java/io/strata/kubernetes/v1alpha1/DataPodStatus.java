package io.strata.kubernetes.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a {@link DataPod} is: Strata's pod, its virtual databases and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataPodStatus extends StrataStatus {

    @JsonPropertyDescription("Strata's id of the pod (GET /api/v1/datapods/{id}).")
    private String id;

    @JsonPropertyDescription("Its state in Strata: CREATING, READY, BUSY, STOPPED, FAILED, DELETING...")
    private String state;

    @JsonPropertyDescription("The branch its virtual databases run.")
    private String activeBranch;

    @JsonPropertyDescription("Its virtual databases, one per dataset of the template: dataset, id and name "
            + "(GET /api/v1/vdbs/{id}, and /credentials for their owners).")
    private List<Member> virtualDatabases = new ArrayList<>();

    @JsonPropertyDescription("The last Strata job run for it (GET /api/v1/jobs/{id}).")
    private String jobId;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getActiveBranch() {
        return activeBranch;
    }

    public void setActiveBranch(String activeBranch) {
        this.activeBranch = activeBranch;
    }

    public List<Member> getVirtualDatabases() {
        return virtualDatabases;
    }

    public void setVirtualDatabases(List<Member> virtualDatabases) {
        this.virtualDatabases = virtualDatabases == null ? new ArrayList<>() : virtualDatabases;
    }

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    /** One virtual database of the pod. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Member {

        @JsonPropertyDescription("The dataset of the template it is a copy of.")
        private String dataset;

        @JsonPropertyDescription("Strata's id of the virtual database.")
        private String id;

        @JsonPropertyDescription("Its name in Strata.")
        private String name;

        @JsonPropertyDescription("The Secret of this namespace with its connection and password: host, port, "
                + "database, username, password (<name>-credentials), written by the provisioning service once the "
                + "virtual database is made.")
        private String credentialsSecret;

        public Member() {
        }

        public Member(String dataset, String id, String name) {
            this.dataset = dataset;
            this.id = id;
            this.name = name;
            this.credentialsSecret = name == null ? null : credentialsSecretOf(name);
        }

        /** The Secret the provisioning service keeps a data pod's virtual database's credentials in. */
        public static String credentialsSecretOf(String vdbName) {
            return vdbName + "-credentials";
        }

        public String getCredentialsSecret() {
            return credentialsSecret;
        }

        public void setCredentialsSecret(String credentialsSecret) {
            this.credentialsSecret = credentialsSecret;
        }

        public String getDataset() {
            return dataset;
        }

        public void setDataset(String dataset) {
            this.dataset = dataset;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
