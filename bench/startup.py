#!/usr/bin/env python3
"""Start-up time of the whole process: `posdoctor code 51` against `curl --version`.

Both are run the same number of times, alternating, on the same machine; the table gives
medians and the ratio (goal: posdoctor at most 0.3x curl). Run from the repository root:

    cargo build --release && python3 bench/startup.py [RUNS]
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 300
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POSDOCTOR = os.path.join(ROOT, "target", "release", "posdoctor")


def once(cmd, env):
    start = time.perf_counter_ns()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return (time.perf_counter_ns() - start) / 1e6


def main():
    if not os.path.exists(POSDOCTOR):
        sys.exit("build first: cargo build --release")
    curl = shutil.which("curl")
    if curl is None:
        sys.exit("curl is not installed")
    env = dict(os.environ, LANG="en_US.UTF-8", XDG_CONFIG_HOME="/nonexistent")
    cases = {
        "posdoctor code 51": [POSDOCTOR, "code", "51"],
        "posdoctor --json code 51": [POSDOCTOR, "--json", "code", "51"],
        "curl --version": [curl, "--version"],
    }
    for cmd in cases.values():  # warm the page cache
        for _ in range(5):
            once(cmd, env)
    times = {name: [] for name in cases}
    for _ in range(RUNS):
        for name, cmd in cases.items():
            times[name].append(once(cmd, env))
    base = statistics.median(times["curl --version"])
    print(f"{'command':<28} {'median ms':>10} {'p90 ms':>8} {'vs curl':>8}   ({RUNS} runs each)")
    for name, t in times.items():
        t.sort()
        med = statistics.median(t)
        p90 = t[int(len(t) * 0.9) - 1]
        print(f"{name:<28} {med:>10.3f} {p90:>8.3f} {med / base:>7.2f}x")


if __name__ == "__main__":
    main()
