package io.strata.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.kubernetes.v1alpha1.VirtualDatabaseStatus;

class StatusConditionsTest {

    private static Condition ready(VirtualDatabaseStatus status) {
        return StatusConditions.find(status.getConditions(), StrataResources.READY);
    }

    @Test
    void aConditionCarriesTheGenerationItDescribes() {
        VirtualDatabaseStatus status = new VirtualDatabaseStatus();
        boolean changed = StatusConditions.from(status, 3L)
                .isFalse(StrataResources.READY, "Provisioning", "job j-1 is running").applyTo(status);

        assertThat(changed).isTrue();
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(ready(status).getObservedGeneration()).isEqualTo(3L);
        assertThat(ready(status).getStatus()).isEqualTo("False");
        assertThat(ready(status).getLastTransitionTime()).isNotBlank();
    }

    @Test
    void theSameConditionAgainChangesNothing() {
        VirtualDatabaseStatus status = new VirtualDatabaseStatus();
        StatusConditions.from(status, 1L).isTrue(StrataResources.READY, "Running", "up").applyTo(status);
        String transition = ready(status).getLastTransitionTime();

        boolean changed = StatusConditions.from(status, 1L).isTrue(StrataResources.READY, "Running", "up")
                .applyTo(status);

        assertThat(changed).isFalse();
        assertThat(status.getConditions()).hasSize(1);
        assertThat(ready(status).getLastTransitionTime()).isEqualTo(transition);
    }

    @Test
    void anotherReasonKeepsTheTransitionTimeAndANewStatusSetsIt() {
        VirtualDatabaseStatus status = new VirtualDatabaseStatus();
        StatusConditions.from(status, 1L).isFalse(StrataResources.READY, "Provisioning", "a").applyTo(status);
        ready(status).setLastTransitionTime("2026-01-01T00:00:00Z");

        assertThat(StatusConditions.from(status, 1L).isFalse(StrataResources.READY, "Starting", "b")
                .applyTo(status)).isTrue();
        assertThat(ready(status).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");

        StatusConditions.from(status, 2L).isTrue(StrataResources.READY, "Running", "c").applyTo(status);
        assertThat(ready(status).getLastTransitionTime()).isNotEqualTo("2026-01-01T00:00:00Z");
        assertThat(StatusConditions.isTrue(status, StrataResources.READY)).isTrue();
    }
}
