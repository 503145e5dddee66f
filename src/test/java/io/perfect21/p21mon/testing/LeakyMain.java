package io.perfect21.p21mon.testing;

/**
 * For {@code ServersIT}: starts a Pushgateway, prints its pid and directory, and exits without closing it, as a
 * test that fails half-way would. The fixture's shutdown hook must stop it.
 */
public final class LeakyMain {
    private LeakyMain() {
    }

    public static void main(String[] args) {
        RealServer server = Servers.pushgateway();
        System.out.println(server.pid() + " " + server.dir());
        System.out.flush();
    }
}
