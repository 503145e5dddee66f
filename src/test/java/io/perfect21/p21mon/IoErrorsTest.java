package io.perfect21.p21mon;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IoErrorsTest {
    @Test
    void fileErrorsSayTheOsReasonAfterThePath() {
        assertThat(IoErrors.describe(new NoSuchFileException("/proc/nope"))).isEqualTo("/proc/nope: No such file or directory");
        assertThat(IoErrors.describe(new AccessDeniedException("/root/x"))).isEqualTo("/root/x: Permission denied");
        assertThat(IoErrors.describe("/proc/nope", new NoSuchFileException("/proc/nope"))).isEqualTo("No such file or directory");
        assertThat(IoErrors.describe("/proc/nope/x", new NoSuchFileException("/proc/nope")))
                .isEqualTo("/proc/nope: No such file or directory");
    }

    @Test
    void jsonErrorsSayLineColumnAndProblemWithoutJavaTypes() {
        JsonProcessingException truncated = catchThrowableOfType(JsonProcessingException.class,
                () -> Json.mapper().readTree("{\"a\": [1,"));
        assertThat(IoErrors.json("dash.json", truncated)).isEqualTo("dash.json:1:10: Unexpected end-of-input within/between Array entries");
        JsonProcessingException wrongType = catchThrowableOfType(JsonProcessingException.class,
                () -> Json.mapper().readValue("{\"xs\": {\"a\": 1}}", Holder.class));
        assertThat(IoErrors.describe(wrongType)).startsWith("1:").contains("at $.xs: expected a list")
                .doesNotContain("java.", "`", "Exception", "Source");
    }

    record Holder(List<String> xs) {
    }
}
