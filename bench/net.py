#!/usr/bin/env python3
"""`posdoctor net` measured against curl, on loopback HTTP servers that this script starts.

1. Fidelity: a server delays its first byte by a set amount; the time to first byte that
   posdoctor reports (`start_transfer_ms`) is compared with curl's
   `-w %{time_starttransfer}`, medians of repeated runs side by side.
2. Concurrency: 50 targets that each answer after 200 ms, probed by one posdoctor run,
   against running curl on them one by one.

Run from the repository root:  cargo build --release && python3 bench/net.py [RUNS]
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POSDOCTOR = os.path.join(ROOT, "target", "release", "posdoctor")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15


def server(delay_s):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            time.sleep(delay_s)
            body = b"ok\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        # The default backlog of 5 drops the SYNs of 50 simultaneous clients.
        request_queue_size = 256

    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def posdoctor(urls, timeout="10"):
    cmd = [POSDOCTOR, "--json", "--timeout", timeout, "net", "--count", "1", "--interval", "0", *urls]
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, env=dict(os.environ, LANG="en_US.UTF-8"))
    elapsed = time.perf_counter() - start
    return elapsed, json.loads(out.stdout)


def curl_ttfb(url):
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{time_starttransfer}", url], capture_output=True, text=True)
    return float(out.stdout) * 1000


def main():
    if not os.path.exists(POSDOCTOR):
        sys.exit("build first: cargo build --release")
    if shutil.which("curl") is None:
        sys.exit("curl is not installed")

    print(f"1. time to first byte, median of {RUNS} runs each")
    print(f"{'server delay ms':>16} {'posdoctor ms':>13} {'curl ms':>9} {'difference':>11}")
    for delay_ms in (50, 200, 500):
        httpd = server(delay_ms / 1000)
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        ours, theirs = [], []
        for _ in range(RUNS):
            _, doc = posdoctor([url])
            phases = [f for f in doc["findings"] if f["id"] == "net.http.phases"][0]
            ours.append(phases["metrics"]["start_transfer_ms"])
            theirs.append(curl_ttfb(url))
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"{delay_ms:>16} {a:>13.1f} {b:>9.1f} {100 * (a - b) / b:>+10.1f}%")
        httpd.shutdown()

    print()
    print("2. 50 targets answering after 200 ms each")
    httpd = server(0.2)
    port = httpd.server_address[1]
    urls = [f"http://127.0.0.1:{port}/t{i}" for i in range(50)]
    runs = []
    for _ in range(5):
        elapsed, doc = posdoctor(urls)
        assert doc["status"] == "ok", doc["status"]
        runs.append(elapsed)
    ours = statistics.median(runs)
    start = time.perf_counter()
    for url in urls:
        subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=True)
    theirs = time.perf_counter() - start
    httpd.shutdown()
    print(f"{'posdoctor, one run (median of 5)':<36} {ours:>7.3f} s")
    print(f"{'curl, one after another':<36} {theirs:>7.3f} s")
    print(f"{'ratio':<36} {ours / theirs:>7.3f}")


if __name__ == "__main__":
    main()
