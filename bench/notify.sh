#!/usr/bin/env bash
# Notification fan-out benchmark (issue #10): N alerts (default 1000) start firing at once and go, one webhook
# notification each, through p21mon's whole Notifier (alert state, routing, spool write, POST, spool delete) to a
# small webhook receiver on loopback. Prints alerts/s and the p50/p99 latency of each send, and beside them the
# baseline of this same run: a plain keep-alive Python client posting the same payloads to the same receiver (the
# receiver's loopback floor). Loopback only; bounded by N. Needs: mvn, java, python3.
# Usage: bench/notify.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
W=$(mktemp -d /tmp/p21mon-notify-bench.XXXXXX)
RECEIVER_PID=""
cleanup() { [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
[ -d target/test-classes/io/perfect21/p21mon/alerts ] || mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$W/cp.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$W/cp.txt")"

cat > "$W/receiver.py" <<'PY'
import http.server, sys, threading
count = 0
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        global count
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            count += 1
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def do_GET(self):
        body = str(count).encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
cat > "$W/baseline.py" <<'PY'
import http.client, sys, time
port, path = int(sys.argv[1]), sys.argv[2]
bodies = [l.encode() for l in open(path) if l.strip()]
c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
lat = []
t0 = time.perf_counter()
for b in bodies:
    s = time.perf_counter()
    c.request("POST", "/baseline", body=b, headers={"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    lat.append(time.perf_counter() - s)
wall = time.perf_counter() - t0
lat.sort()
p = lambda q: lat[max(0, -(-q * len(lat) // 100) - 1)] * 1000
print("baseline (python keep-alive client, same payloads): %d posts in %.0f ms: %.0f posts/s; latency p50 %.2f ms, p99 %.2f ms"
      % (len(bodies), wall * 1000, len(bodies) / wall, p(50), p(99)))
PY
python3 "$W/receiver.py" > "$W/port" &
RECEIVER_PID=$!
for _ in $(seq 50); do [ -s "$W/port" ] && break; sleep 0.1; done
PORT=$(cat "$W/port")
echo "JDK: $(java -version 2>&1 | head -1); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); receiver: python3 ThreadingHTTPServer on 127.0.0.1:$PORT"
echo "data: $N firing alerts, one webhook notification each (Alertmanager webhook v4 JSON, ~1 KB); p21mon: java -cp target/classes (one JVM, warmed by 50 alerts)"
echo -n "state dir on disk ($(df -T "$W" | awk 'NR==2{print $2}')): "
java -XX:+UseSerialGC -cp "$CP" io.perfect21.p21mon.alerts.NotifyBenchMain "http://127.0.0.1:$PORT/hook" "$N" "$W/state" "$W/payloads.jsonl"
# the same with the state dir (alert state, spool) in memory: what the spool's file operations cost on this disk
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  SHM=$(mktemp -d /dev/shm/p21mon-notify-bench.XXXXXX)
  echo -n "state dir on tmpfs: "
  java -XX:+UseSerialGC -cp "$CP" io.perfect21.p21mon.alerts.NotifyBenchMain "http://127.0.0.1:$PORT/hook" "$N" "$SHM/state" "$W/payloads2.jsonl" || true
  rm -rf "$SHM"
fi
python3 "$W/baseline.py" "$PORT" "$W/payloads.jsonl"
echo "receiver counted $(curl -s "http://127.0.0.1:$PORT/") requests (warm-up 50 per p21mon run, $N per p21mon run, $N baseline)"
