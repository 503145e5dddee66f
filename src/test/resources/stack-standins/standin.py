#!/usr/bin/python3
# A STAND-IN for Grafana Loki ('loki'), Jaeger v1 ('jaeger-all-in-one') and Jaeger v2 ('jaeger'), for StackStandInIT.
# The real binaries are not packaged for Debian, so the test copies this file under those names onto the PATH it gives
# 'p21mon stack up'. It accepts exactly the command lines the real programs accept for what p21mon passes (and rejects
# anything else the way they do), reads the ports from them (or from the config file they name), and answers the
# endpoints p21mon probes: Loki /ready, Jaeger's query / and /api/services, OTLP/HTTP POST /v1/traces; the gRPC ports
# are held open. It is not Loki or Jaeger: it stores nothing.
import http.server
import os
import re
import socket
import socketserver
import sys
import threading

NAME = os.path.basename(sys.argv[0])
ARGS = sys.argv[1:]


def die(msg, code):
    sys.stderr.write(msg + "\n")
    sys.exit(code)


def host_port(value, what):
    m = re.fullmatch(r"([0-9.]*|\[[0-9a-f:]*\]):(\d+)", value or "")
    if not m:
        die("invalid %s %r: want host:port" % (what, value), 1)
    return (m.group(1).strip("[]") or "0.0.0.0", int(m.group(2)))


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {}

    def log_message(self, fmt, *args):
        sys.stdout.write("%s %s\n" % (NAME, fmt % args))
        sys.stdout.flush()

    def answer(self, method):
        path = self.path.split("?")[0]
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        for (m, p), (code, ctype, body) in self.routes.items():
            if m == method and (p == path or p.endswith("*") and path.startswith(p[:-1])):
                data = body.encode()
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        self.answer("GET")

    def do_POST(self):
        self.answer("POST")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve_http(addr, routes):
    handler = type("H", (Handler,), {"routes": routes})
    srv = Server(addr, handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    print("%s: http on %s:%d" % (NAME, addr[0], srv.server_address[1]), flush=True)


def hold_tcp(addr, what):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(addr)
    s.listen(16)
    print("%s: %s on %s:%d (held open, no gRPC)" % (NAME, what, addr[0], s.getsockname()[1]), flush=True)
    return s


def load_yaml(path, flag):
    import yaml
    try:
        with open(path) as f:
            return yaml.safe_load(f)
    except OSError as e:
        die("error loading config file %s: %s" % (path, e.strerror), 1)
    except yaml.YAMLError as e:
        die("error parsing %s %s: %s" % (flag, path, e), 1)


def loki():
    # Go's flag package: -name=value or --name=value; unknown flags exit 2
    if ARGS in (["-version"], ["--version"]):
        print("loki, version 3.4.2-standin (branch: standin, revision: p21mon-test)")
        return
    config = None
    for a in ARGS:
        m = re.fullmatch(r"--?config\.file=(.+)", a)
        if m:
            config = m.group(1)
        else:
            die("flag provided but not defined: %s" % a.split("=")[0], 2)
    if config is None:
        die("the Loki stand-in needs -config.file", 1)
    cfg = load_yaml(config, "-config.file")
    server = cfg.get("server") or {}
    http_addr = (server.get("http_listen_address") or "0.0.0.0", int(server.get("http_listen_port", 3100)))
    grpc_addr = (server.get("grpc_listen_address") or "0.0.0.0", int(server.get("grpc_listen_port", 9095)))
    held = hold_tcp(grpc_addr, "grpc")
    serve_http(http_addr, {
        ("GET", "/ready"): (200, "text/plain", "ready\n"),
        ("GET", "/metrics"): (200, "text/plain", "# loki stand-in\n"),
        ("POST", "/loki/api/v1/push"): (204, "text/plain", ""),
        ("GET", "/loki/api/v1/labels"): (200, "application/json", '{"status":"success","data":[]}'),
    })
    return held


JAEGER_QUERY = {
    ("GET", "/"): (200, "text/html", "<html><title>Jaeger UI (stand-in)</title></html>"),
    ("GET", "/api/services"): (200, "application/json", '{"data":[],"total":0,"limit":0,"offset":0,"errors":null}'),
}
OTLP_HTTP = {("POST", "/v1/traces"): (200, "application/json", "{}")}


def jaeger_v1():
    if ARGS == ["version"]:
        print('{"gitCommit":"standin","gitVersion":"v1.66.0-standin","buildDate":"2026-01-01T00:00:00Z"}')
        return
    known = {"query.http-server.host-port", "collector.otlp.grpc.host-port", "collector.otlp.http.host-port",
             "admin.http.host-port"}
    if os.environ.get("SPAN_STORAGE_TYPE") == "badger":
        # Jaeger v1 defines the badger flags only when SPAN_STORAGE_TYPE=badger
        known |= {"badger.ephemeral", "badger.directory-key", "badger.directory-value", "badger.span-store-ttl"}
    flags = {}
    for a in ARGS:
        m = re.fullmatch(r"--([a-z.-]+)=(.*)", a)
        if not m or m.group(1) not in known:
            die("Error: unknown flag: %s" % a.split("=")[0], 1)
        flags[m.group(1)] = m.group(2)
    if flags.get("badger.ephemeral") == "false" and not flags.get("badger.directory-value"):
        die("badger.directory-value is required when badger.ephemeral=false", 1)
    held = [hold_tcp(host_port(flags.get("collector.otlp.grpc.host-port", ":4317"), "--collector.otlp.grpc.host-port"),
                     "otlp grpc")]
    serve_http(host_port(flags.get("collector.otlp.http.host-port", ":4318"), "--collector.otlp.http.host-port"), OTLP_HTTP)
    serve_http(host_port(flags.get("query.http-server.host-port", ":16686"), "--query.http-server.host-port"), JAEGER_QUERY)
    serve_http(host_port(flags.get("admin.http.host-port", ":14269"), "--admin.http.host-port"),
               {("GET", "/"): (200, "application/json", '{"status":"Server available"}')})
    return held


def jaeger_v2():
    if ARGS in (["--version"], ["-v"]):
        print("jaeger version v2.5.0-standin")
        return
    if len(ARGS) == 2 and ARGS[0] == "--config":
        config = ARGS[1]
    elif len(ARGS) == 1 and ARGS[0].startswith("--config="):
        config = ARGS[0][len("--config="):]
    else:
        die("Error: jaeger v2 stand-in: want --config FILE, got %s" % " ".join(ARGS), 1)
    cfg = load_yaml(config, "--config")

    def at(*keys):
        node = cfg
        for k in keys:
            if not isinstance(node, dict) or k not in node:
                die("Error: invalid configuration: %s is missing in %s" % (".".join(keys), config), 1)
            node = node[k]
        return node

    pipeline = at("service", "pipelines", "traces")
    for part in ("receivers", "exporters"):
        for name in pipeline.get(part) or []:
            at(part, name)
    for ext in at("service", "extensions"):
        at("extensions", ext)
    storage = at("extensions", "jaeger_query", "storage", "traces")
    at("extensions", "jaeger_storage", "backends", storage)
    if at("exporters", "jaeger_storage_exporter", "trace_storage") != storage:
        die("Error: jaeger_storage_exporter.trace_storage is not the storage of jaeger_query", 1)
    held = [hold_tcp(host_port(at("receivers", "otlp", "protocols", "grpc", "endpoint"), "otlp grpc"), "otlp grpc"),
            hold_tcp(host_port(at("extensions", "jaeger_query", "grpc", "endpoint"), "query grpc"), "query grpc")]
    serve_http(host_port(at("receivers", "otlp", "protocols", "http", "endpoint"), "otlp http"), OTLP_HTTP)
    serve_http(host_port(at("extensions", "jaeger_query", "http", "endpoint"), "jaeger_query http"), JAEGER_QUERY)
    return held


def main():
    role = {"loki": loki, "jaeger-all-in-one": jaeger_v1, "jaeger": jaeger_v2}.get(NAME)
    if role is None:
        die("stand-in named %s: want loki, jaeger-all-in-one or jaeger" % NAME, 2)
    try:
        keep = role()
    except OSError as e:
        die("%s stand-in: %s" % (NAME, e), 1)
    if keep is None:
        return
    threading.Event().wait()


if __name__ == "__main__":
    main()
