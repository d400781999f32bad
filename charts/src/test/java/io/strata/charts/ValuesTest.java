package io.strata.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * values.yaml explains every value it sets, holds no key material, and the chart's README names every group of
 * values.
 */
class ValuesTest {

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z][\\w.-]*):(.*)$");

    private static final String VALUES = "charts/strata/values.yaml";

    @Test
    void everyValueHasACommentAboveIt() {
        List<String> lines = Chart.read(VALUES).lines().toList();
        List<String> undocumented = new ArrayList<>();
        // Indentation of an enclosing "resources:", under which the keys are Kubernetes' own (requests, cpu, ...).
        int resources = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher key = KEY.matcher(lines.get(i));
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            if (resources >= 0 && indent <= resources) {
                resources = -1;
            }
            boolean leaf = !key.group(3).isBlank();
            if (leaf && resources < 0 && (i == 0 || !lines.get(i - 1).strip().startsWith("#"))) {
                undocumented.add((i + 1) + ": " + lines.get(i).strip());
            }
            if ("resources".equals(key.group(2)) && resources < 0) {
                resources = indent;
            }
        }

        assertThat(undocumented).as("values without a comment in %s", VALUES).isEmpty();
    }

    @Test
    void noValueHoldsKeyMaterial() {
        assertThat(Chart.read(VALUES)).doesNotContain("BEGIN", "PRIVATE KEY").doesNotContainPattern(
                "[A-Za-z0-9+/]{40,}={0,2}");
    }

    @Test
    void theChartsReadmeNamesEveryGroupOfValues() {
        String readme = Chart.read("charts/strata/README.md");

        Chart.read(VALUES).lines().map(KEY::matcher).filter(key -> key.matches() && key.group(1).isEmpty())
                .map(key -> key.group(2)).forEach(group -> assertThat(readme).as("charts/strata/README.md names %s",
                        group).contains("`" + group));
    }
}
