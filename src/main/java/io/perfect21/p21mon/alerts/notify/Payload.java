package io.perfect21.p21mon.alerts.notify;

/**
 * One rendered notification as a channel would send it: the channel, where it goes (without secrets: a webhook's
 * scheme, host and port; an email's recipients), the content type and the exact body ({@code --dry-run} prints it).
 */
public record Payload(String channel, String type, String destination, String contentType, String body) {
}
