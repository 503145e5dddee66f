/**
 * The HTTP adapter: clients of the servers p21mon talks to (Prometheus's query API, the Pushgateway, Loki), all over
 * the one shared OkHttp client of {@link io.perfect21.p21mon.client.HttpClients}, which also words their errors: the
 * method and URL without credentials or query string, and the status or the I/O problem, never a secret. A call starts
 * at a client's method ({@link io.perfect21.p21mon.client.PrometheusClient#query}, {@code LokiClient.push}, …) and
 * returns records or throws {@link io.perfect21.p21mon.P21monException}. Imports no feature.
 */
package io.perfect21.p21mon.client;
