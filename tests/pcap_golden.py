#!/usr/bin/env python3
"""Packet captures of ISO 8583 conversations, written by independent tools: the messages are
encoded by pyiso8583 (unionpay layout, 2-byte length header, TPDU and application header),
the packets built and the files written by scapy (pcap and pcapng; Ethernet with IPv4 or IPv6,
and Linux cooked capture). Segments are split, sent out of order and retransmitted.

Writes into the folder given (default tests/pcap/) the captures and `expected.json`: what
this script put on the wire, in the order the messages complete, and what pairing must find.
tests/cli/decode_pcap.rs decodes the committed captures and compares; where scapy and
pyiso8583 are installed it runs this script again into a temporary folder and checks that
`expected.json` is the same and that the fresh captures decode the same.

    python3 tests/pcap_golden.py tests/pcap
"""

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

try:
    import iso8583  # noqa: F401  (pyiso8583)
    from scapy.all import IP, IPv6, TCP, CookedLinux, Ether, PcapNgWriter, Raw, wrpcap
except ImportError:
    print("pyiso8583 or scapy is not installed (pip install pyiso8583 scapy)", file=sys.stderr)
    sys.exit(3)

from iso8583_reference import spec_for  # noqa: E402

SPEC, _ = spec_for("unionpay")
TPDU = bytes.fromhex("6000030000") + bytes.fromhex("603100000000")
T0 = 1_700_000_000.0
TID = "10000001"
MID = "898310054111234"


def message(mti, fields):
    raw, _ = iso8583.encode({"t": mti, **fields}, SPEC)
    body = TPDU + bytes(raw)
    return len(body).to_bytes(2, "big") + body


def sale(stan, amount):
    return {"2": "6222021234567890123", "3": "000000", "4": amount, "11": stan, "22": "051", "25": "00",
            "35": "6222021234567890123D28122011234", "52": "123456789ABCDEF0",
            "41": TID, "42": MID, "49": "156", "60": "22000001000500"}


def answer(stan, amount, code):
    return {"3": "000000", "4": amount, "11": stan, "12": "101531", "13": "1123",
            "37": "000000000002", "39": code, "41": TID, "42": MID, "49": "156"}


# The conversation: (time offset in seconds, direction, MTI, fields, how it is sent).
# "split": in three segments, the second sent first and the first sent twice.
CONVERSATION = [
    (0.000, "c", "0800", {"11": "000001", "41": TID, "42": MID, "60": "00000001003", "63": "01 "}, "whole"),
    (0.050, "s", "0810", {"11": "000001", "12": "101530", "13": "1123", "39": "00", "41": TID, "42": MID,
                          "60": "00000001003"}, "whole"),
    (1.000, "c", "0200", sale("000002", "000000010000"), "split"),
    (1.120, "s", "0210", answer("000002", "000000010000", "00"), "split"),
    (2.000, "c", "0200", sale("000003", "000000020000"), "whole"),
    (40.000, "c", "0400", {"3": "000000", "4": "000000020000", "11": "000003", "39": "98", "41": TID,
                           "42": MID, "61": "000001000003"}, "whole"),
    (52.500, "s", "0410", {"3": "000000", "4": "000000020000", "11": "000003", "39": "00", "41": TID,
                           "42": MID}, "whole"),
    (60.000, "c", "0200", sale("000002", "000000030000"), "whole"),
    (60.200, "s", "0210", answer("000099", "000000030000", "00"), "whole"),
]


def expected(conversation):
    """What pairing must find, from the conversation as written (indices are 1-based, in
    the order the messages complete: their order here)."""
    msgs = []
    pairs, unanswered, late, reversals, repeated, unmatched = [], [], [], [], [], []
    waiting = {}
    first_stan = {}
    for i, (t, d, mti, f, _) in enumerate(conversation, start=1):
        msgs.append({"index": i, "mti": mti, "stan": f.get("11"), "terminal": f.get("41"),
                     "direction": "to-server" if d == "c" else "to-client"})
        if mti[2] in "024":
            if mti[1] == "4":
                reversals.append({"reversal": i, "original": first_stan.get(f["11"])})
            elif f["11"] in first_stan:
                repeated.append({"message": i, "first": first_stan[f["11"]]})
            else:
                first_stan[f["11"]] = i
            waiting[(mti[:2] + str(int(mti[2]) + 1), f["11"])] = (i, t)
        else:
            key = (mti[:3], f["11"])
            if key in waiting:
                req, t0 = waiting.pop(key)
                rtt = round((t - t0) * 1000, 3)
                pairs.append({"request": req, "answer": i, "rtt_ms": rtt})
                if rtt > 10_000:
                    late.append(i)
            else:
                unmatched.append(i)
    unanswered = sorted(i for i, _ in waiting.values())
    return {"messages": msgs, "pairs": pairs, "unanswered": unanswered, "late": late,
            "reversals": reversals, "repeated_stans": repeated, "unmatched_answers": unmatched}


def packets(variant, drop_middle=False):
    """The conversation's packets with their times, for one variant of the link and IP layer.
    `drop_middle`: the middle piece of the first split message is never sent (a capture that
    lost a packet)."""
    if variant == "ipv6":
        cli, srv = "fd00::2", "fd00::1"
        net = lambda s, d: IPv6(src=s, dst=d)  # noqa: E731
    else:
        cli, srv = "192.0.2.10", "192.0.2.1"
        net = lambda s, d: IP(src=s, dst=d)  # noqa: E731
    if variant == "sll":
        link = lambda: CookedLinux(pkttype=0, lladdrtype=1, lladdrlen=6, src=b"\x02\x00\x00\x00\x00\x01\x00\x00",  # noqa: E731
                                   proto=0x0800)
    elif variant == "ipv6":
        link = lambda: Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02", type=0x86DD)  # noqa: E731
    else:
        link = lambda: Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")  # noqa: E731
    cport, sport = 50123, 5000
    seq = {"c": 1000, "s": 9000}
    out = []

    def pkt(t, d, flags, payload=b"", seq_no=None):
        s, dst = (cli, srv) if d == "c" else (srv, cli)
        ps, pd = (cport, sport) if d == "c" else (sport, cport)
        other = "s" if d == "c" else "c"
        p = link() / net(s, dst) / TCP(sport=ps, dport=pd, flags=flags,
                                        seq=seq[d] if seq_no is None else seq_no, ack=seq[other])
        if payload:
            p = p / Raw(payload)
        p.time = T0 + t
        out.append(p)

    pkt(-0.010, "c", "S")
    seq["c"] += 1
    pkt(-0.009, "s", "SA")
    seq["s"] += 1
    pkt(-0.008, "c", "A")
    for t, d, mti, fields, how in CONVERSATION:
        wire = message(mti, fields)
        start = seq[d]
        if how == "split":
            a, b = len(wire) // 3, 2 * len(wire) // 3
            pieces = [(start + a, wire[a:b]), (start, wire[:a]), (start, wire[:a]), (start + b, wire[b:])]
            if drop_middle:
                pieces = pieces[1:]
                drop_middle = False
                GAP["bytes_missing"] = b - a
            for k, (s, chunk) in enumerate(pieces):
                pkt(t - 0.003 + 0.001 * k, d, "PA", chunk, seq_no=s)
        else:
            pkt(t, d, "PA", wire)
        seq[d] = start + len(wire)
    pkt(61.0, "c", "FA")
    seq["c"] += 1
    pkt(61.001, "s", "FA")
    seq["s"] += 1
    pkt(61.002, "c", "A")
    return out


GAP = {}


def main():
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "tests/pcap")
    folder.mkdir(parents=True, exist_ok=True)
    wrpcap(str(folder / "conversation_ipv4.pcap"), packets("ipv4"))
    wrpcap(str(folder / "conversation_sll.pcap"), packets("sll"), linktype=113)
    with PcapNgWriter(str(folder / "conversation_ipv6.pcapng")) as w:
        for p in packets("ipv6"):
            w.write(p)
    with PcapNgWriter(str(folder / "conversation_ipv4.pcapng")) as w:
        for p in packets("ipv4"):
            w.write(p)
    wrpcap(str(folder / "conversation_gap.pcap"), packets("ipv4", drop_middle=True))
    want = expected(CONVERSATION)
    # With the middle of message 3 lost, message 3 never completes: the conversation is the
    # one without it.
    want["gap"] = expected(CONVERSATION[:2] + CONVERSATION[3:])
    want["gap"]["bytes_missing"] = GAP["bytes_missing"]
    (folder / "expected.json").write_text(json.dumps(want, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
