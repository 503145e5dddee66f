package io.perfect21.p21mon.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code alerts notify-test}: one firing alert {@code P21monTestNotification} (severity {@code info}) sent now to
 * every channel of the notifier, bypassing routes and the spool, so the answer is about the channel, right now.
 */
public final class TestNotification {
    /** The test alert's name. */
    public static final String ALERT_NAME = "P21monTestNotification";

    private TestNotification() {
    }

    /** The test notification at {@code now}. */
    public static Notification notification(Instant now) {
        Alert a = new Alert(Notifier.labels("alertname", ALERT_NAME, "severity", "info"),
                Notifier.labels("summary", "Test notification from p21mon",
                        "description", "If you can read this, the channel works."),
                "firing", now, null, null);
        return new Notification("p21mon-test", "{}:{alertname=\"" + ALERT_NAME + "\"}",
                Map.of("alertname", ALERT_NAME), List.of(a), null);
    }

    /** Sends (or, in a dry run, renders) the test notification through every channel of the notifier. */
    public static Notifier.Outcome send(Notifier notifier, Instant now) {
        return notifier.sendNow(List.of(notification(now)));
    }
}
