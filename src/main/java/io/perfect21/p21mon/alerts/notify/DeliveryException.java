package io.perfect21.p21mon.alerts.notify;

import java.io.IOException;

/**
 * A channel could not deliver. {@code retryable} is false when trying again in this run cannot help (HTTP 4xx other
 * than 408/429, SMTP authentication refused); the notification is spooled either way, so it is never dropped.
 */
public final class DeliveryException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
