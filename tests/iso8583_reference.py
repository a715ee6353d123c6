#!/usr/bin/env python3
"""ISO 8583 by an implementation independent of posdoctor: the `pyiso8583` package.

Builds a pyiso8583 specification from posdoctor's layout file (data/iso8583/NAME.toml), then
for each JSON line on stdin either decodes posdoctor's bytes (`{"op": "decode", "hex": ...}`)
or encodes a message (`{"op": "encode", "mti": ..., "fields": {...}}`), printing one JSON line
per request. Binary fields are hex; track data uses `=` as posdoctor does. Used by
tests/iso8583.rs, which keeps the answers as golden vectors in tests/golden/ (see
tests/golden/regenerate). `--version` prints the package's version. Exits 3 when the package
is not installed, so the tests can tell "not installed" from "disagrees".
"""

import json
import pathlib
import sys
import tomllib

try:
    import iso8583
except ImportError:
    print("pyiso8583 is not installed (pip install pyiso8583)", file=sys.stderr)
    sys.exit(3)

ROOT = pathlib.Path(__file__).resolve().parent.parent


def spec_for(name):
    layout = tomllib.loads((ROOT / "data" / "iso8583" / f"{name}.toml").read_text())
    bcd_nums = layout["num_encoding"] == "bcd"
    len_enc = {"bcd": "bcd", "ascii": "ascii", "binary": "b"}[layout["len_encoding"]]
    prefix = {  # bytes of the length prefix
        ("ll", "bcd"): 1, ("lll", "bcd"): 2, ("ll", "ascii"): 2, ("lll", "ascii"): 3, ("ll", "b"): 1, ("lll", "b"): 2,
    }
    spec = {"h": {"data_enc": "ascii", "len_enc": "ascii", "len_type": 0, "max_len": 0, "desc": "header"}}
    if layout["mti"] == "bcd":
        spec["t"] = {"data_enc": "b", "len_enc": "ascii", "len_type": 0, "max_len": 2, "desc": "MTI"}
    else:
        spec["t"] = {"data_enc": "ascii", "len_enc": "ascii", "len_type": 0, "max_len": 4, "desc": "MTI"}
    binary_map = layout["bitmap"] == "binary"
    for key in ("p", "1"):
        spec[key] = {
            "data_enc": "b" if binary_map else "ascii",
            "len_enc": "ascii",
            "len_type": 0,
            "max_len": 8 if binary_map else 16,
            "desc": "bitmap",
        }
    for number, f in layout["fields"].items():
        length = f["length"]
        s = {"len_enc": len_enc, "max_len": f["max"], "desc": f["name"]}
        s["len_type"] = 0 if length == "fixed" else prefix[(length, len_enc)]
        if f["format"] in ("n", "z") and bcd_nums:
            s.update({"data_enc": "b", "len_count": "nibbles"})
            s["left_pad" if f["format"] == "n" else "right_pad"] = "0" if f["format"] == "n" else "F"
        elif f["format"] == "b":
            s.update({"data_enc": "b", "len_count": "bytes"})
        else:
            s.update({"data_enc": "ascii", "len_count": "bytes"})
        spec[str(number)] = s
    return spec, layout


def main():
    if sys.argv[1:] == ["--version"]:
        from importlib.metadata import version

        print(f"pyiso8583 {version('pyiso8583')}")
        return
    specs = {}
    for line in sys.stdin:
        req = json.loads(line)
        name = req["layout"]
        if name not in specs:
            specs[name] = spec_for(name)
        spec, layout = specs[name]
        track = {k for k, f in layout["fields"].items() if f["format"] == "z"}
        if req["op"] == "decode":
            doc, _ = iso8583.decode(bytes.fromhex(req["hex"]), spec)
            fields = {}
            for k, v in doc.items():
                if k in ("h", "t", "p", "1"):
                    continue
                fields[k] = v.replace("D", "=") if k in track and layout["num_encoding"] == "bcd" else v
            print(json.dumps({"mti": doc["t"], "fields": fields}))
        else:
            doc = {"t": req["mti"], **{k: (v.replace("=", "D") if k in track and layout["num_encoding"] == "bcd" else v) for k, v in req["fields"].items()}}
            raw, _ = iso8583.encode(doc, spec)
            print(json.dumps({"hex": bytes(raw).hex().upper()}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
