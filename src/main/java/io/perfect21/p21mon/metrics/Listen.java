package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.P21monException;

/**
 * Where the exporter listens: {@code HOST:PORT}, {@code :PORT} (every interface), {@code [::1]:PORT}, or a bare
 * {@code PORT}. An empty host means every interface, as node_exporter's {@code --web.listen-address=:9100}.
 */
public record Listen(String host, int port) {
    public static Listen parse(String text, String givenBy) {
        String t = text.trim();
        String host = "";
        String port = t;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw P21monException.usage(givenBy + ": '" + text + "' is not HOST:PORT");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else if (t.contains(":")) {
            int colon = t.lastIndexOf(':');
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
            if (host.contains(":")) {
                throw P21monException.usage(givenBy + ": '" + text + "': write an IPv6 host in brackets, [::1]:PORT");
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw P21monException.usage(givenBy + ": '" + text + "' is not HOST:PORT (port '" + port + "')");
        }
        if (p < 0 || p > 65535) {
            throw P21monException.usage(givenBy + ": port " + p + " is not from 0 to 65535");
        }
        return new Listen(host, p);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
