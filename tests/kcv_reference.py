#!/usr/bin/env python3
"""Key check values from an implementation independent of posdoctor: Python's `cryptography`.

Prints `algorithm,key_hex,kcv` lines for seeded random keys of every supported length:
DES (single), 2-key and 3-key TDES (first 3 bytes of a zero block encrypted), and
AES-128/192/256 (first 5 bytes of AES-CMAC over a zero block). Used by tests/check.rs,
which keeps the output as golden vectors in tests/golden/kcv.csv (see tests/golden/regenerate).
`--version` prints the package's version. Exits 3 when the package is not installed, so the
tests can tell "not installed" from "disagrees".
"""

import random
import sys
import warnings

try:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.cmac import CMAC
except ImportError:
    print("cryptography is not installed (pip install cryptography)", file=sys.stderr)
    sys.exit(3)

try:
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:
    TripleDES = algorithms.TripleDES

warnings.simplefilter("ignore")


def tdes_kcv(key):
    # cryptography accepts 8- and 16-byte TripleDES keys as single DES and 2-key TDES.
    enc = Cipher(TripleDES(key), modes.ECB()).encryptor()
    return (enc.update(bytes(8)) + enc.finalize())[:3].hex().upper()


def aes_kcv(key):
    mac = CMAC(algorithms.AES(key))
    mac.update(bytes(16))
    return mac.finalize()[:5].hex().upper()


def main():
    if sys.argv[1:] == ["--version"]:
        from importlib.metadata import version

        print(f"cryptography {version('cryptography')}")
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    rng = random.Random(4217)
    for _ in range(n):
        for size in (8, 16, 24):
            key = rng.randbytes(size)
            print(f"tdes,{key.hex().upper()},{tdes_kcv(key)}")
        for size in (16, 24, 32):
            key = rng.randbytes(size)
            print(f"aes,{key.hex().upper()},{aes_kcv(key)}")


if __name__ == "__main__":
    main()
