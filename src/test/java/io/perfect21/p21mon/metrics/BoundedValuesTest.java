package io.perfect21.p21mon.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedValuesTest {
    @Test
    void endpointsBecomeRouteTemplates() {
        assertThat(BoundedValues.endpoint("/users/42?x=1")).isEqualTo("/users/:id");
        assertThat(BoundedValues.endpoint("/t/123e4567-e89b-12d3-a456-426614174000/runs/7")).isEqualTo("/t/:id/runs/:id");
        assertThat(BoundedValues.endpoint("/commits/0123456789abcdef0123")).isEqualTo("/commits/:id");
        assertThat(BoundedValues.endpoint("/api/v1/tasks")).isEqualTo("/api/v1/tasks");
        assertThat(BoundedValues.endpoint("")).isEqualTo("unknown");
    }

    @Test
    void valuesBeyondTheLimitBecomeOther() {
        BoundedValues v = new BoundedValues(2);
        assertThat(v.of("a")).isEqualTo("a");
        assertThat(v.of("b")).isEqualTo("b");
        assertThat(v.of("c")).isEqualTo("other");
        assertThat(v.of("a")).isEqualTo("a");
    }

    @Test
    void methodsAndStatusesAreBounded() {
        assertThat(BoundedValues.method("get")).isEqualTo("GET");
        assertThat(BoundedValues.method("BREW")).isEqualTo("OTHER");
        assertThat(BoundedValues.status(503)).isEqualTo("503");
        assertThat(BoundedValues.status(42)).isEqualTo("other");
    }
}
