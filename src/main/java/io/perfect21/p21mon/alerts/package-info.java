/**
 * Alerting: alerts as Alertmanager models them ({@link io.perfect21.p21mon.alerts.Alert}), grouped into
 * notifications, and the {@link io.perfect21.p21mon.alerts.Notifier} that turns observations into notifications
 * exactly once (firing, repeat after an interval, resolved), with its state and a spool for what a channel failed to
 * take, under a file lock. The flow starts at {@link io.perfect21.p21mon.alerts.Notifier#process} with the current observations; the channels it
 * sends through live in {@code alerts.notify}.
 */
package io.perfect21.p21mon.alerts;
