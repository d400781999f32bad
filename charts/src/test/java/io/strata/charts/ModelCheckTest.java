package io.strata.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The check every rendered object goes through finds what a typo in a template would produce. */
class ModelCheckTest {

    private static final ModelCheck CHECK = ModelCheck.load();

    private static HasMetadata read(String yaml) {
        return Chart.SERIALIZATION.unmarshal(yaml);
    }

    @Test
    void aMisspelledFieldOfATypedObjectIsFound() {
        HasMetadata deployment = read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: nginx
                          imagePullPolicyy: Always
                """);

        assertThat(CHECK.unknownFields(deployment)).singleElement().asString()
                .contains("Deployment/web:").contains("spec.template.spec.containers[0]")
                .contains("unknown field imagePullPolicyy");
    }

    @Test
    void aFieldAtTheWrongLevelIsFoundAndAValueOfTheWrongTypeRefused() {
        HasMetadata service = read("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: strata
                  lables: {app: web}
                spec:
                  ports:
                    - {port: 80, targetPort: http}
                  selector: {app: web}
                  protocol: TCP
                """);

        assertThat(CHECK.unknownFields(service)).hasSize(2)
                .anySatisfy(found -> assertThat(found).contains("metadata unknown field lables"))
                .anySatisfy(found -> assertThat(found).contains("spec unknown field protocol = TCP"));
        assertThatThrownBy(() -> read("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  ports:
                    - {port: http}
                """)).hasMessageContaining("ServicePort[\"port\"]");
    }

    @Test
    void theOperatorsResourcesAreCheckedAgainstTheirKnownFields() {
        HasMetadata kafka = read("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: Kafka
                metadata:
                  name: events
                  annotations: {strimzi.io/kraft: enabled}
                spec:
                  kafka:
                    listners:
                      - {name: plain, port: 9092, type: internal, tls: false}
                    config: {min.insync.replicas: 1}
                """);
        HasMetadata cluster = read("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: state
                spec:
                  instances: 1
                  storage: {size: 1Gi}
                  bootstrap:
                    initdb:
                      database: app
                      postInitSQL: {create: db}
                """);

        assertThat(CHECK.unknownFields(kafka)).singleElement().asString().contains("spec kafka unknown field listners");
        assertThat(CHECK.unknownFields(cluster)).singleElement().asString()
                .contains("spec bootstrap initdb postInitSQL should be a list");
    }

    @Test
    void aKindWithoutModelOrKnownFieldsIsFound() {
        HasMetadata typo = read("""
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: web
                """);

        assertThat(CHECK.unknownFields(typo)).singleElement().asString().contains("kind Deploymnet");
    }

    @Test
    void aCorrectObjectHasNoUnknownField() {
        HasMetadata pool = read("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata:
                  name: pool
                  labels: {strimzi.io/cluster: events}
                spec:
                  replicas: 1
                  roles: [controller, broker]
                  storage:
                    type: jbod
                    volumes: [{id: 0, type: persistent-claim, size: 1Gi, kraftMetadata: shared}]
                """);

        assertThat(CHECK.unknownFields(pool)).isEmpty();
    }
}
