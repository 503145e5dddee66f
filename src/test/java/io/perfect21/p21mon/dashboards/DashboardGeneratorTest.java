package io.perfect21.p21mon.dashboards;

import io.perfect21.p21mon.config.P21monConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardGeneratorTest {
    @Test
    void theSixBuiltInDashboardsRenderAndPassValidation() {
        P21monConfig config = P21monConfig.defaults();
        List<DashboardGenerator.Result> results = DashboardGenerator.forConfig(config, Path.of("."), Set.of())
                .render(config, List.of(), null);
        assertThat(results).extracting(DashboardGenerator.Result::name).containsExactlyElementsOf(DashboardGenerator.BUILT_IN);
        for (DashboardGenerator.Result r : results) {
            assertThat(r.problems()).as(r.name()).isEmpty();
        }
    }
}
