#!/usr/bin/env python3
"""Capture decoding: `posdoctor decode --pcap FILE --json > /dev/null` against `tshark -r
FILE > /dev/null` (Debian's Wireshark command line) reading the same file.

Writes a capture of ISO 8583 traffic of about SIZE megabytes (default 100): 500 terminals,
each with its own terminal ID on its own TCP connection to the host, sale after sale, 0200 and its 0210, one request
in 200 unanswered. The messages are the golden ones pyiso8583 encoded
(tests/golden/decode_pyiso8583.json, unionpay layout, 2-byte length header, TPDU and header),
each with its own STAN; the file is written here with the standard library only (pcap
format, Ethernet, IPv4, TCP). Every run's result is checked: posdoctor must report every
message and pair.

Prints, for the median of RUNS runs (default 3) of each tool: wall time, messages per
second, peak memory (the child's max RSS from wait4), and the ratio. Run from the
repository root:

    apt-get install tshark      # if missing (Debian)
    cargo build --release && python3 bench/pcap.py [SIZE_MB] [RUNS]
"""

import json
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POSDOCTOR = os.path.join(ROOT, "target", "release", "posdoctor")
TERMINALS = 500
UNANSWERED_EVERY = 200


def golden(mti):
    with open(os.path.join(ROOT, "tests", "golden", "decode_pyiso8583.json")) as f:
        for v in json.load(f):
            if v["layout"] == "unionpay" and v["framing"] == "binary2" and v["mti"] == mti:
                return bytes.fromhex(v["hex"])
    raise SystemExit(f"no golden {mti}")


def stan_at(msg, stan_hex):
    """Offset of the STAN (field 11, 3 BCD bytes) in a golden message: its first occurrence
    after the length header, TPDU, application header, MTI and bitmap."""
    at = msg.index(bytes.fromhex(stan_hex), 2 + 5 + 6 + 2 + 8)
    return at


def bcd(n):
    return bytes.fromhex(f"{n % 1000000:06d}")


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src, dst, sport, dport, seq, ack, flags, payload):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, flags, 65535, 0, 0)
    total = 20 + len(tcp) + len(payload)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 0, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00"
    return eth + ip + tcp + payload


def generate(path, size_mb):
    req, ans = golden("0200"), golden("0210")
    req_stan, ans_stan = stan_at(req, "000124"), stan_at(ans, "000124")
    # Each terminal its own terminal ID (field 41, 8 ASCII characters).
    req_tid, ans_tid = req.index(b"10000001"), ans.index(b"10000001")
    host = bytes([192, 0, 2, 1])
    conns = []
    for t in range(TERMINALS):
        conns.append({"ip": bytes([198, 51, 100 + t // 250, 1 + t % 250]), "port": 40000 + t,
                      "cseq": 1000 + t, "sseq": 900000 + t, "stan": 0, "tid": f"{20000000 + t:08d}".encode()})
    limit = size_mb * 1_000_000
    written = 0
    messages = 0
    answered = 0
    requests = 0
    ts = 1_700_000_000 * 1_000_000
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))

        def put(data):
            nonlocal written, ts
            ts += 200
            f.write(struct.pack("<IIII", ts // 1_000_000, ts % 1_000_000, len(data), len(data)))
            f.write(data)
            written += 16 + len(data)

        for c in conns:
            put(frame(c["ip"], host, c["port"], 5000, c["cseq"], 0, 0x02, b""))
            put(frame(host, c["ip"], 5000, c["port"], c["sseq"], c["cseq"] + 1, 0x12, b""))
            c["cseq"] += 1
            c["sseq"] += 1
        i = 0
        while written < limit:
            c = conns[i % TERMINALS]
            i += 1
            c["stan"] += 1
            r = req[:req_stan] + bcd(c["stan"]) + req[req_stan + 3:]
            r = r[:req_tid] + c["tid"] + r[req_tid + 8:]
            put(frame(c["ip"], host, c["port"], 5000, c["cseq"], c["sseq"], 0x18, r))
            c["cseq"] += len(r)
            messages += 1
            requests += 1
            if i % UNANSWERED_EVERY:
                a = ans[:ans_stan] + bcd(c["stan"]) + ans[ans_stan + 3:]
                a = a[:ans_tid] + c["tid"] + a[ans_tid + 8:]
                put(frame(host, c["ip"], 5000, c["port"], c["sseq"], c["cseq"], 0x18, a))
                c["sseq"] += len(a)
                messages += 1
                answered += 1
    return {"messages": messages, "requests": requests, "answered": answered, "bytes": written + 24}


def run(cmd):
    """Wall time and the child's peak memory (KiB) for one run, output to /dev/null."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=null, stderr=subprocess.PIPE)
        err = p.stderr.read()
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, code, err


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    if not os.path.exists(POSDOCTOR):
        raise SystemExit("build first: cargo build --release")
    tshark = shutil.which("tshark")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "iso8583.pcap")
        t0 = time.perf_counter()
        info = generate(path, size)
        print(f"capture: {info['bytes'] / 1e6:.1f} MB, {info['messages']:,} messages "
              f"({info['requests']:,} requests, {info['answered']:,} answered) on {TERMINALS} connections, "
              f"written in {time.perf_counter() - t0:.1f} s")
        # Correctness first, on a small capture made the same way: every message and pair
        # found. (The big run's JSON goes to /dev/null: a gigabyte of it.)
        small = os.path.join(d, "small.pcap")
        want = generate(small, 2)
        out = subprocess.run([POSDOCTOR, "--json", "decode", "--pcap", small], capture_output=True, check=False)
        conv = json.loads(out.stdout)["conversation"]
        assert conv["messages"] == want["messages"], (conv["messages"], want["messages"])
        assert conv["answered"] == want["answered"], (conv["answered"], want["answered"])
        assert conv["counts"]["unanswered"] == want["requests"] - want["answered"]
        assert conv["counts"]["undecoded"] == 0 and conv["gaps"] == 0
        print(f"check: {want['messages']:,} messages of a 2 MB capture decoded and paired as written")
        tools = [("posdoctor decode --pcap --json", [POSDOCTOR, "--json", "decode", "--pcap", path]),
                 ("posdoctor decode --pcap (text)", [POSDOCTOR, "decode", "--pcap", path])]
        if tshark:
            tools.append(("tshark -r", [tshark, "-r", path]))
        else:
            print("tshark not installed (apt-get install tshark): baseline skipped")
        results = []
        for name, cmd in tools:
            walls, rss = [], []
            for _ in range(runs):
                wall, peak, code, err = run(cmd)
                if code not in (0, 1):
                    raise SystemExit(f"{name} exited {code}: {err.decode(errors='replace')[:400]}")
                walls.append(wall)
                rss.append(peak)
            results.append((name, statistics.median(walls), statistics.median(rss)))
        base = results[-1][1] if tshark else None
        print(f"\n{'tool':34} {'median s':>9} {'messages/s':>12} {'peak MiB':>9} {'vs tshark':>10}")
        for name, wall, peak in results:
            ratio = f"{base / wall:.1f}x" if base else "-"
            print(f"{name:34} {wall:9.2f} {info['messages'] / wall:12,.0f} {peak / 1024:9.1f} {ratio:>10}")
        print(f"\nmedians of {runs} runs; 'vs tshark': how many times faster than tshark -r on the same file")


if __name__ == "__main__":
    main()
