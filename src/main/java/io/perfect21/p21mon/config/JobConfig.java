package io.perfect21.p21mon.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;

/**
 * One entry of {@code jobs:}: a known job's defaults for {@code p21mon run} (timeout, whether a failure notifies), and
 * its staleness limit for the job-stale alert.
 */
public record JobConfig(String name, Duration timeout, Duration maxAge,
                        @JsonProperty("notify") Boolean notifyOnFailure) {
    public JobConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("jobs[].name is required");
        }
        notifyOnFailure = Defaults.or(notifyOnFailure, false);
    }
}
