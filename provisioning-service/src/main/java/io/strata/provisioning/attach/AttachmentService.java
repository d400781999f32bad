package io.strata.provisioning.attach;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.events.EventPublisher;
import io.strata.common.operations.OperationMachine;
import io.strata.common.tx.AfterCommit;
import io.strata.common.util.DaemonThreads;
import io.strata.contracts.events.Reply;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.contracts.provisioning.AttachFailed;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.provisioning.AttachmentReady;
import io.strata.contracts.provisioning.Detached;
import io.strata.contracts.storage.ExportCreated;
import io.strata.contracts.storage.ExportRequested;
import io.strata.contracts.storage.UnexportRequested;
import io.strata.engine.HostConnection;
import io.strata.engine.UserError;
import io.strata.hosts.HostConnections;

/**
 * Attaches volumes to environments, CSI-style. On the storage host the pool's path is used as is. For an SSH host
 * the snapshot service exports the volume over NFS and this service mounts the export there with
 * {@code mount -t nfs4}, run over SSH; for a Kubernetes environment it becomes a PersistentVolume and claim
 * ({@link KubernetesVolumes}). A failed mount removes the export again, so nothing is left behind. Detaching unmounts
 * (or deletes the claim and PersistentVolume) and unexports.
 */
@ApplicationScoped
public class AttachmentService {

    /** Request ids this service uses towards the snapshot service start with this. */
    public static final String EXPORT_REQUEST = "attach-";

    @Inject
    EventPublisher events;

    @Inject
    HostConnections hosts;

    @Inject
    AfterCommit afterCommit;

    @Inject
    KubernetesVolumes kubernetes;

    @Inject
    OperationMachine operations;

    private final ExecutorService mounts = DaemonThreads.pool("attach-worker");

    /** Handles a request: local answers at once; SSH asks for an export first. */
    @Transactional
    public void attach(AttachRequested request) {
        EnvironmentRef environment = request.environment();
        Attachment attachment = new Attachment();
        attachment.id = "att-" + UUID.randomUUID();
        attachment.volumeId = request.volumeId();
        attachment.environmentId = environment.id();
        attachment.environment = environment;
        attachment.requestId = request.requestId();
        attachment.createdAt = Instant.now();
        attachment.updatedAt = attachment.createdAt;
        if (environment.kind() == EnvironmentKind.LOCAL) {
            attachment.kind = Attachment.Kind.LOCAL;
            attachment.path = request.localPath();
            if (request.localPath() == null || !Files.isDirectory(Path.of(request.localPath()))) {
                refuse(attachment, "The volume's path " + request.localPath() + " does not exist on this host.");
                return;
            }
            attachment.state = Attachment.State.ATTACHED;
            attachment.persist();
            answer(new AttachmentReady(request.requestId(), attachment.id, request.volumeId(), environment.id(),
                    request.localPath()));
            return;
        }
        List<String> clients;
        if (environment.kind() == EnvironmentKind.KUBERNETES) {
            attachment.kind = Attachment.Kind.KUBERNETES;
            attachment.path = KubernetesVolumes.nameOf(request.volumeId());
            try {
                clients = kubernetes.nfsClients();
            } catch (UserError e) {
                refuse(attachment, e.describe());
                return;
            }
        } else {
            attachment.kind = Attachment.Kind.NFS;
            attachment.path = request.mountPath() != null
                    ? request.mountPath()
                    : "/var/lib/strata/mnt/" + request.volumeId();
            clients = List.of(environment.host());
        }
        attachment.state = Attachment.State.ATTACHING;
        attachment.persist();
        events.publish(new ExportRequested(EXPORT_REQUEST + attachment.id, request.volumeId(), clients));
    }

    /** Fails a new attachment before anything was made for it. */
    private void refuse(Attachment attachment, String error) {
        attachment.state = Attachment.State.FAILED;
        attachment.error = error;
        attachment.persist();
        answer(new AttachFailed(attachment.requestId, attachment.volumeId, error));
    }

    /** The export is live: mount it on the SSH host (on a worker thread; SSH may take a while). */
    @Transactional
    public void exported(ExportCreated export) {
        Attachment attachment = Attachment.findById(export.requestId().substring(EXPORT_REQUEST.length()));
        if (attachment == null || attachment.state != Attachment.State.ATTACHING) {
            return;
        }
        String id = attachment.id;
        afterCommit.run(() -> mounts.execute(() -> mount(id, export)));
    }

    /** The mount command run on the target; a test checks it word for word. */
    public static List<String> mountCommand(ExportCreated export, String mountPath) {
        return List.of("sh", "-c", "mkdir -p \"$1\" && mount -t nfs4 -o vers=4.1,port=" + export.port()
                + ",hard,timeo=600 \"$2\" \"$1\"", "sh", mountPath, export.server() + ":" + export.path());
    }

    /** Mounts the export on an SSH host; the error to report, or {@code null}. */
    private static String mountOver(HostConnection host, ExportCreated export, String mountPath) {
        HostConnection.Result result = host.run(mountCommand(export, mountPath), Map.of(), null, Duration.ofMinutes(
                2));
        if (result.exitCode() == 0) {
            return null;
        }
        return "Could not mount the NFS export " + export.server() + ":" + export.path() + " on " + host.describe()
                + ": " + (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip() + ". The host needs "
                + "an NFSv4 client (nfs-common) and must reach " + export.server() + ":" + export.port()
                + "; set strata.snapshot.nfs.advertised-address to an address it can reach.";
    }

    private void mount(String attachmentId, ExportCreated export) {
        Attachment attachment = QuarkusTransaction.requiringNew().call(() -> Attachment.findById(attachmentId));
        EnvironmentRef environment = environment(attachment);
        String error = null;
        try {
            if (attachment.kind == Attachment.Kind.KUBERNETES) {
                kubernetes.create(environment.namespace(), export);
            } else {
                error = mountOver(hosts.connect(environment), export, attachment.path);
            }
        } catch (UserError e) {
            error = e.describe();
        } catch (RuntimeException e) {
            error = "Attaching failed: " + e.getMessage();
        }
        String failure = error;
        QuarkusTransaction.requiringNew().run(() -> {
            Attachment current = Attachment.findById(attachmentId);
            current.updatedAt = Instant.now();
            if (failure == null) {
                current.state = Attachment.State.ATTACHED;
                answer(new AttachmentReady(current.requestId, current.id, current.volumeId, current.environmentId,
                        current.path));
            } else {
                Log.warnf("Attachment %s failed: %s", attachmentId, failure);
                current.state = Attachment.State.FAILED;
                current.error = failure;
                events.publish(new UnexportRequested(EXPORT_REQUEST + current.id + "-undo", current.volumeId));
                answer(new AttachFailed(current.requestId, current.volumeId, failure));
            }
        });
    }

    /** The snapshot service could not export: the attachment fails with its reason. */
    @Transactional
    public void exportRefused(String requestId, String reason) {
        Attachment attachment = Attachment.findById(requestId.substring(EXPORT_REQUEST.length()));
        if (attachment != null && attachment.state == Attachment.State.ATTACHING) {
            attachment.state = Attachment.State.FAILED;
            attachment.error = "The volume could not be exported: " + reason;
            attachment.updatedAt = Instant.now();
            answer(new AttachFailed(attachment.requestId, attachment.volumeId, attachment.error));
        }
    }

    /** Detaches a volume everywhere: unmounts NFS mounts over SSH and removes the export. */
    @Transactional
    public void detach(String requestId, String volumeId) {
        boolean exported = false;
        for (Attachment attachment : Attachment.activeOf(volumeId)) {
            if (attachment.kind == Attachment.Kind.KUBERNETES && attachment.state == Attachment.State.ATTACHED) {
                try {
                    kubernetes.delete(environment(attachment).namespace(), volumeId);
                } catch (RuntimeException e) {
                    Log.warnf("Could not delete the PersistentVolume and claim %s: %s", attachment.path, e
                            .getMessage());
                }
                exported = true;
            }
            if (attachment.kind == Attachment.Kind.NFS && attachment.state == Attachment.State.ATTACHED) {
                try {
                    hosts.connect(environment(attachment)).run(List.of("umount", attachment.path), Map.of(), null,
                            Duration.ofMinutes(2));
                } catch (UserError e) {
                    Log.warnf("Could not unmount %s: %s", attachment.path, e.describe());
                }
                exported = true;
            }
            attachment.state = Attachment.State.DETACHED;
            attachment.updatedAt = Instant.now();
        }
        if (exported) {
            events.publish(new UnexportRequested(EXPORT_REQUEST + "detach-" + volumeId, volumeId));
        }
        events.publish(new Detached(requestId, volumeId));
    }

    /**
     * Tells the requester how the attachment ended: other services through the event, this service's own virtual
     * databases directly (it does not read its own topic).
     */
    private void answer(Reply reply) {
        events.publish(reply);
        operations.reply(reply);
    }

    private static EnvironmentRef environment(Attachment attachment) {
        return attachment.environment;
    }
}
