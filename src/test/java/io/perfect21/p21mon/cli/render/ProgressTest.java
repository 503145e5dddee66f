package io.perfect21.p21mon.cli.render;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line: what it says, redrawn in place with \r, at most every interval, erased at the end. */
class ProgressTest {
    final StringWriter text = new StringWriter();
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final Progress progress = new Progress(new PrintWriter(text), "verify", 100, nanos::get);

    @Test
    void nothingInTheFirstIntervalThenOneLineRedrawnInPlaceAndErased() {
        progress.update(1000, 1 << 20, 10 << 20);
        assertThat(text.toString()).isEmpty();
        nanos.addAndGet(500_000_000L);
        progress.update(250_000, 5L << 20, 10L << 20);
        assertThat(text.toString())
                .isEqualTo("\rverify: 250,000 records  5.0 MiB of 10.0 MiB (50%)  500k records/s  ETA 0:01");
        nanos.addAndGet(50_000_000L);
        progress.update(260_000, 6L << 20, 10L << 20); // within the interval: not drawn
        assertThat(text.toString()).doesNotContain("260,000");
        nanos.addAndGet(50_000_000L);
        progress.update(300_000, 6L << 20, 10L << 20);
        assertThat(text.toString()).endsWith("\rverify: 300,000 records  6.0 MiB of 10.0 MiB (60%)  500k records/s  ETA 0:00");
        int drawn = "verify: 300,000 records  6.0 MiB of 10.0 MiB (60%)  500k records/s  ETA 0:00".length();
        progress.done();
        assertThat(text.toString()).endsWith("\r" + " ".repeat(drawn) + "\r").doesNotContain("\n");
    }

    @Test
    void withoutATotalNoPercentageNorEta() {
        assertThat(progress.line(4096, 1_500_000, -1, 2.0)).isEqualTo("verify: 4,096 records  1.4 MiB  2048 records/s");
        assertThat(Progress.bytes(512)).isEqualTo("512 B");
        assertThat(Progress.rate(2_500_000)).isEqualTo("2.50M");
    }

    @Test
    void aShortJobDrawsNothingAndErasesNothing() {
        progress.update(10, 100, 100);
        progress.done();
        assertThat(text.toString()).isEmpty();
    }
}
