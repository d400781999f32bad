package io.strata.engine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.engine.Plugins;

class MariaDbPluginTest {

    @Test
    void thePluginIsFoundByItsNameAndKeepsThePasswordSecret() {
        assertThat(Plugins.load()).containsKey("mariadb");
        MariaDbPlugin plugin = (MariaDbPlugin) Plugins.load().get("mariadb");

        assertThat(plugin.sourceParameters().secretPaths()).containsExactly("connection.password");
        assertThat(plugin.sourceParameters().validate(Map.of("connection", Map.of("host", "db1", "database",
                "shop", "user", "linker", "password", "x")))).isEmpty();
        assertThat(plugin.sourceParameters().validate(Map.of("connection", Map.of("host", "db1", "database",
                "shop; drop", "user", "linker", "password", "x")))).isNotEmpty();
    }

    @Test
    void literalsAreQuotedForTheServersDefaultMode() {
        assertThat(MariaDbLinked.literal("it's a \\ test")).isEqualTo("'it''s a \\\\ test'");
    }

    @Test
    void theReleaseSeriesIsMajorAndMinor() {
        assertThat(MariaDbDiscovery.series("10.11.19-MariaDB-0+deb12u1-log")).isEqualTo("10.11");
        assertThat(MariaDbDiscovery.series("11.4.2-MariaDB")).isEqualTo("11.4");
    }
}
