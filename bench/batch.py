#!/usr/bin/env python3
"""Batch-check throughput: `posdoctor check --batch` over a generated CSV of terminal
records with TDES keys and their KCVs, against `wc -l` on the same file.

The KCVs in the file are computed here with Python's `cryptography` package, an implementation
independent of posdoctor's, so a run that reports any KCV mismatch besides the planted ones
means the two disagree. Prints records/s, peak memory (max RSS) and the ratio to `wc -l`, for
two file sizes to show memory stays flat. Run from the repository root:

    pip install cryptography   # if missing
    cargo build --release && python3 bench/batch.py [RECORDS]
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

try:
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:  # older cryptography
    TripleDES = algorithms.TripleDES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POSDOCTOR = os.path.join(ROOT, "target", "release", "posdoctor")
MCCS = ["5411", "5812", "5311", "5541", "7011", "5999"]
PLANT_EVERY = 97  # one row in 97 carries a planted mistake


def odd_parity(b):
    return bytes(x if bin(x).count("1") % 2 else x ^ 1 for x in b)


def kcv(key):
    enc = Cipher(TripleDES(key), modes.ECB()).encryptor()
    return (enc.update(bytes(8)) + enc.finalize())[:3].hex().upper()


def generate(path, n, rng):
    keys = []
    for _ in range(1000):
        k = odd_parity(rng.randbytes(16))
        keys.append((k.hex().upper(), kcv(k)))
    planted = 0
    with open(path, "w") as f:
        f.write("merchant_id,terminal_id,mcc,currency,region,tmk,tmk_kcv\n")
        for i in range(n):
            mcc = MCCS[i % len(MCCS)]
            mid = f"898{3100:04d}{mcc}{i % 10000:04d}"
            tid = f"{i % 100000000:08d}"
            key, check = keys[i % len(keys)]
            if i % PLANT_EVERY == 0:
                planted += 1
                check = "000000" if check != "000000" else "111111"
            f.write(f"{mid},{tid},{mcc},156,3100,{key},{check}\n")
    return planted


def peak_kib(pid):
    """VmHWM: the process's own peak resident memory since exec (ru_maxrss would also count
    the forked Python it started as)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(cmd):
    """Wall time, peak RSS in KiB (polled every 5 ms until exit; bounded by the run time),
    and stdout."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, peak_kib(proc.pid))
            time.sleep(0.005)
        elapsed = time.perf_counter() - start
        sink.seek(0)
        return elapsed, peak, sink.read()


def measure(path, n, planted, runs):
    times, rss = [], 0
    for _ in range(runs):
        t, r, out = run([POSDOCTOR, "--json", "--lang", "en", "check", "--batch", path])
        times.append(t)
        rss = max(rss, r)
        lines = out.decode().splitlines()
        bad = len(lines) - 1
        if bad != planted:
            sys.exit(f"expected {planted} bad records, posdoctor reported {bad}: the KCVs disagree")
    wc = statistics.median(run(["wc", "-l", path])[0] for _ in range(runs))
    med = statistics.median(times)
    return med, rss, wc


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    if not os.path.exists(POSDOCTOR):
        sys.exit("build first: cargo build --release")
    rng = random.Random(8583)
    with tempfile.TemporaryDirectory() as d:
        print(f"{'records':>10} {'file MB':>8} {'median s':>9} {'records/s':>12} {'max RSS MB':>11} {'wc -l s':>8} {'vs wc -l':>9}")
        for size in (n // 4, n):
            path = os.path.join(d, f"terminals-{size}.csv")
            planted = generate(path, size, rng)
            med, rss, wc = measure(path, size, planted, runs=5)
            mb = os.path.getsize(path) / 1e6
            print(f"{size:>10} {mb:>8.1f} {med:>9.3f} {size / med:>12,.0f} {rss / 1024:>11.1f} {wc:>8.3f} {med / wc:>8.1f}x")
        print(f"(5 runs each; every run found exactly the planted KCV mismatches, one row in {PLANT_EVERY})")


if __name__ == "__main__":
    main()
