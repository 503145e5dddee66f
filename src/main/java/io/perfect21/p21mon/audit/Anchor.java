package io.perfect21.p21mon.audit;

import java.time.Instant;

/**
 * The chain's head exported off the host ({@code audit anchor}): the last seq and its hash. A chain cannot show its
 * own truncation; comparing against an anchor kept elsewhere can ({@code audit verify --anchor}).
 *
 * @param source where it was read from or written to, for messages
 */
public record Anchor(long seq, String hash, String host, Instant timestamp, String source) {
}
