package io.strata.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;

/**
 * The real infrastructure a {@code @QuarkusTest} of a Strata service needs: a fresh database, a Kafka broker and a
 * fresh topic prefix, so that no test sees another's data or events. Attach it with
 * {@code @WithTestResource(StrataTestEnvironment.class)}. By default the database lives in the JVM's shared cluster
 * and the broker is the JVM's shared one; the arguments {@code postgres=private} and {@code kafka=private} give the
 * test a cluster or broker of its own, which it may stop and kill (reach them with {@link #postgres()} and
 * {@link #kafka()}).
 */
public class StrataTestEnvironment implements QuarkusTestResourceLifecycleManager {

    private static volatile String topicPrefix;
    private static volatile PostgresCluster postgres;
    private static volatile KafkaBroker kafka;

    private boolean privatePostgres;
    private boolean privateKafka;

    /** The topic prefix of the running test application. */
    public static String topicPrefix() {
        return topicPrefix;
    }

    /** The cluster the running test application uses. */
    public static PostgresCluster postgres() {
        return postgres;
    }

    /** The broker the running test application uses. */
    public static KafkaBroker kafka() {
        return kafka;
    }

    /** Publishes an event on a service's topic of this test run, as that service would. */
    public static void publish(EventCodec codec, String asService,
            Event event) {
        TopicClient.send(kafka().bootstrapServers(), Topics.events(topicPrefix(),
                asService), event.subject(), codec.encodeToString(codec.envelope(asService, event, "test", null)));
    }

    @Override
    public void init(Map<String, String> initArgs) {
        privatePostgres = "private".equals(initArgs.get("postgres"));
        privateKafka = "private".equals(initArgs.get("kafka"));
    }

    @Override
    public Map<String, String> start() {
        refuseMachineHome();
        postgres = privatePostgres ? PostgresCluster.start(Map.of()) : PostgresCluster.shared();
        kafka = privateKafka ? KafkaBroker.start() : KafkaBroker.shared();
        topicPrefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new HashMap<>(postgres.datasourceConfig(postgres.createDatabase()));
        config.put("strata.events.bootstrap-servers", kafka.bootstrapServers());
        config.put("strata.events.topic-prefix", topicPrefix);
        config.putAll(TestTokens.serviceConfig());
        return config;
    }

    /**
     * Fails fast when {@code strata.home} is a system property of the test JVM: it would outrank the test's own home
     * and point the service under test at the machine's pool ({@code mvn -Dstrata.home=...} does that).
     */
    static void refuseMachineHome() {
        if (System.getProperty("strata.home") != null) {
            throw new IllegalStateException("strata.home is set as a system property (" + System.getProperty(
                    "strata.home") + "); tests must run in their own home. Pass -Dtest.strata.home instead.");
        }
    }

    @Override
    public void stop() {
        // Shared servers live for the whole JVM; databases and prefixes are never reused.
        if (privatePostgres) {
            postgres.close();
        }
        if (privateKafka) {
            kafka.close();
        }
    }
}
