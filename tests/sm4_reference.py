#!/usr/bin/env python3
"""SM4 and combined-component key check values from an implementation independent of
posdoctor: Python's `cryptography` (SM4, TripleDES).

Writes JSON: `keys` (seeded random SM4 keys and their KCV, the first 3 bytes of a zero block
encrypted under the key, GB/T 32907's sample key first), and `combined` (two or three
components of SM4 and 2-key TDES keys, each component's KCV and the KCV of their XOR).
tests/keys_sm4.rs checks posdoctor against the committed output and, where `cryptography` is
installed, that this script still produces it:

    python3 tests/sm4_reference.py > tests/golden/sm4_kcv.json
"""

import json
import random
import sys
import warnings

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

try:
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:
    TripleDES = algorithms.TripleDES

warnings.simplefilter("ignore")


def kcv(algorithm, key):
    if algorithm == "sm4":
        enc = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()
        return (enc.update(bytes(16)) + enc.finalize())[:3].hex().upper()
    enc = Cipher(TripleDES(key), modes.ECB()).encryptor()
    return (enc.update(bytes(8)) + enc.finalize())[:3].hex().upper()


def main():
    rng = random.Random(32907)
    keys = [bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")]
    keys += [bytes(rng.randrange(256) for _ in range(16)) for _ in range(9)]
    out = {"keys": [{"key": k.hex().upper(), "kcv": kcv("sm4", k)} for k in keys], "combined": []}
    for algorithm in ("sm4", "tdes"):
        for n in (2, 3):
            for _ in range(2):
                parts = [bytes(rng.randrange(256) for _ in range(16)) for _ in range(n)]
                whole = bytes(16)
                for p in parts:
                    whole = bytes(a ^ b for a, b in zip(whole, p))
                out["combined"].append({
                    "algorithm": algorithm,
                    "components": [p.hex().upper() for p in parts],
                    "component_kcvs": [kcv(algorithm, p) for p in parts],
                    "kcv": kcv(algorithm, whole),
                })
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
