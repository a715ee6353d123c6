#!/usr/bin/env python3
"""`doctor --demo` runs its probes concurrently: its wall time should be the slowest single
probe plus a small margin, not the sum of the probes.

The simulator is told to answer every ISO 8583 request 500 ms late (`--fault slow=500ms`), so
the sign-in and the test sale each take 500 ms; run one after the other they would take a
second. Prints medians and the ratio of doctor's wall time to the slowest probe's time as
doctor itself measured it. Run from the repository root:

    cargo build --release && python3 bench/doctor.py [RUNS]
"""

import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POSDOCTOR = os.path.join(ROOT, "target", "release", "posdoctor")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10


def run(args):
    start = time.perf_counter()
    out = subprocess.run([POSDOCTOR, "--json", *args], capture_output=True, env=dict(os.environ, LANG="en_US.UTF-8", XDG_CONFIG_HOME="/nonexistent"))
    return time.perf_counter() - start, json.loads(out.stdout)


def main():
    if not os.path.exists(POSDOCTOR):
        sys.exit("build first: cargo build --release")
    print(f"{'case':<34} {'doctor wall ms':>15} {'slowest probe ms':>17} {'ratio':>7}   (median of {RUNS})")
    for label, args in [("healthy simulator", []), ("simulator answering 500 ms late", ["--fault", "slow=500ms"])]:
        walls, slowest = [], []
        for _ in range(RUNS):
            wall, doc = run(["doctor", "--demo", *args])
            walls.append(wall * 1000)
            rtts = [f["metrics"].get("rtt_ms", 0) for f in doc["findings"] if f["id"].startswith("net.iso8583")]
            # The latency series is a probe too: its handshakes are 50 ms apart (doctor's interval).
            lat = [
                (f["metrics"]["attempts"] - 1) * 50 + f["metrics"]["attempts"] * f["metrics"]["median_ms"]
                for f in doc["findings"]
                if f["id"] == "net.tcp.latency"
            ]
            slowest.append(max(rtts + lat))
        w, s = statistics.median(walls), statistics.median(slowest)
        print(f"{label:<34} {w:>15.1f} {s:>17.1f} {w / s if s else float('nan'):>7.2f}")


if __name__ == "__main__":
    main()
