#!/usr/bin/env python3
"""`posdoctor watch` on 5,000 loopback targets: cycle time, CPU per cycle, memory over time.

Listeners: one socket per address on one port, on 127.0.x.y (Linux routes all of 127.0.0.0/8
to lo). They are accepted and closed by one thread with epoll; 10 % of the targets are
addresses with nothing listening (refused), so the failure path is part of every cycle.
Every 10 s posdoctor probes all 5,000 (TCP connect, as for a host:port target), with
`--metrics` on and scraped once a cycle, for DURATION seconds (default 600).

Compared against the goals of the issue: each cycle well inside its 10 s interval on this
2-core machine, memory flat and under 100 MB.

Run from the repository root:  cargo build --release && python3 bench/watch.py [DURATION] [TARGETS]
"""

import json
import os
import resource
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POSDOCTOR = os.environ.get("POSDOCTOR_BIN") or os.path.join(ROOT, "target", "release", "posdoctor")
DURATION = float(sys.argv[1]) if len(sys.argv) > 1 else 600.0
TARGETS = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
EVERY = 10
PORT = 7443
TICK = os.sysconf("SC_CLK_TCK")


def raise_nofile(need):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        new = need if hard == resource.RLIM_INFINITY else min(hard, need)
        resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def addresses(n):
    out = []
    x, y = 1, 1
    while len(out) < n:
        out.append(f"127.0.{x}.{y}")
        y += 1
        if y == 255:
            x, y = x + 1, 1
    return out


def listeners(addrs):
    sel = selectors.DefaultSelector()
    socks = []
    for a in addrs:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((a, PORT))
        s.listen(64)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        socks.append(s)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            for key, _ in sel.select(timeout=0.2):
                try:
                    c, _ = key.fileobj.accept()
                    c.close()
                except OSError:
                    pass

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return socks, stop


def proc_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def proc_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    if not os.path.exists(POSDOCTOR):
        sys.exit("build first: cargo build --release")
    down = TARGETS // 10
    limit = raise_nofile(TARGETS + 1024)
    addrs = addresses(TARGETS)
    socks, stop = listeners(addrs[: TARGETS - down])
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        for a in addrs:
            f.write(f"{a}:{PORT}\n")
        path = f.name
    env = dict(os.environ, LANG="en_US.UTF-8")
    proc = subprocess.Popen(
        [POSDOCTOR, "--json", "-v", "watch", "--targets", path, "--every", f"{EVERY}s",
         "--metrics", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    metrics_url = None
    line = proc.stderr.readline()
    if "http://" in line:
        metrics_url = "http://" + line.split("http://", 1)[1].strip()
    cycles, rss, scrapes = [], [], []
    lock = threading.Lock()

    def sample():
        while proc.poll() is None:
            try:
                with lock:
                    rss.append((time.monotonic(), proc_rss_mb(proc.pid)))
            except OSError:
                break
            time.sleep(1)

    threading.Thread(target=sample, daemon=True).start()
    started = time.monotonic()
    last_cpu = proc_cpu(proc.pid)
    changes = {}
    for raw in proc.stdout:
        ev = json.loads(raw)
        if ev["event"] == "change":
            kind = f'{ev["from"] or "start"}->{ev["to"]}'
            changes[kind] = changes.get(kind, 0) + 1
        if ev["event"] != "cycle":
            continue
        cpu = proc_cpu(proc.pid)
        cycles.append((ev["duration_s"], cpu - last_cpu, ev["ok"], ev["fail"], ev["skipped"]))
        last_cpu = cpu
        if metrics_url:
            t0 = time.monotonic()
            body = urllib.request.urlopen(metrics_url, timeout=10).read()
            scrapes.append((time.monotonic() - t0, len(body)))
        if time.monotonic() - started >= DURATION:
            break
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=30)
    stop.set()
    for s in socks:
        s.close()
    os.unlink(path)

    if not cycles:
        sys.exit("no cycle completed")
    # The first cycle includes start-up; steady state is the rest.
    steady = cycles[1:] or cycles
    durations = sorted(c[0] for c in steady)
    cpus = sorted(c[1] for c in steady)
    peak = max(m for _, m in rss)
    first_min = [m for t, m in rss if t - rss[0][0] <= 60]
    last_min = [m for t, m in rss if rss[-1][0] - t <= 60]
    med = lambda v: v[len(v) // 2]
    print(f"posdoctor watch: {TARGETS} targets ({down} refused), every {EVERY} s, "
          f"{len(cycles)} cycles over {time.monotonic() - started:.0f} s, "
          f"{os.cpu_count()} CPUs, open-file limit {limit}")
    told = ", ".join(f"{k} {v}" for k, v in sorted(changes.items())) or "none"
    print(f"  change events: {told}; exit on SIGTERM: {code}")
    print("  (start->fail: the refused targets; ok->warn: a handshake slower than 300 ms,")
    print("   which the shared machine's load can cause)")
    rows = [
        ("cycle duration, median", f"{med(durations):.2f} s", f"well inside {EVERY} s"),
        ("cycle duration, max", f"{durations[-1]:.2f} s", f"< {EVERY} s"),
        ("cycles skipped (overruns)", str(sum(c[4] for c in cycles)), "0"),
        ("CPU per cycle, median", f"{med(cpus):.2f} s", f"a fraction of {EVERY} s x 2 cores"),
        ("CPU per cycle, max", f"{cpus[-1]:.2f} s", ""),
        ("RSS, peak", f"{peak:.1f} MB", "< 100 MB"),
        ("RSS, mean of first minute", f"{sum(first_min) / len(first_min):.1f} MB", "flat"),
        ("RSS, mean of last minute", f"{sum(last_min) / len(last_min):.1f} MB", "flat"),
    ]
    if scrapes:
        rows.append(("/metrics scrape, median", f"{med(sorted(s[0] for s in scrapes)) * 1000:.0f} ms"
                     f" ({scrapes[-1][1] // 1024} KiB)", ""))
    t0 = rss[0][0]
    by_minute = {}
    for t, m in rss:
        by_minute[int((t - t0) // 60)] = max(by_minute.get(int((t - t0) // 60), 0), m)
    print("  RSS peak by minute (MB): " + ", ".join(f"{by_minute[k]:.1f}" for k in sorted(by_minute)))
    w = max(len(r[0]) for r in rows)
    v = max(len(r[1]) for r in rows)
    print(f"  {'measure':<{w}}  {'posdoctor':<{v}}  goal")
    for name, value, goal in rows:
        print(f"  {name:<{w}}  {value:<{v}}  {goal}")


if __name__ == "__main__":
    main()
