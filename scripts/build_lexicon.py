#!/usr/bin/env python3
"""Builds the NER lexicon resources from Debian word lists (no network at run time).

  apt-get install wdutch wamerican
  python3 scripts/build_lexicon.py

For each language it writes
  - lang/<iso>/lexicon/words.bloom: a Bloom filter of the lowercase (common) words, read by
    crates/kroniek-core/src/entities/ner/lexicon.rs: magic `KRBLOOM1`, u32 log2 of the bit
    count, u32 hash count k, then the bits (bit i is byte i/8, bit i%8). Hash: FNV-1a 64 of the
    UTF-8 word; probe j is (h + j * ((h >> 32) | 1)) mod 2^bits;
  - lang/<iso>/gazetteer/lexicon.tsv: the capitalised entries (proper nouns), class `proper`.

Sources: wdutch (OpenTaal word list, BSD or CC BY 3.0) for Dutch; wamerican (SCOWL, permissive
licence, see /usr/share/doc/wamerican/copyright) for English.
"""

import os
import struct
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

SOURCES = {
    "nl": ("/usr/share/dict/dutch", "wdutch: OpenTaal word list (Debian), BSD or CC BY 3.0"),
    "en": ("/usr/share/dict/american-english", "wamerican: SCOWL word list (Debian), permissive licence"),
}

BITS = 22
K = 3
MASK64 = (1 << 64) - 1


def fnv1a(data):
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & MASK64
    return h


def bloom(words, bits=BITS, k=K):
    m = 1 << bits
    arr = bytearray(m // 8)
    for w in words:
        h = fnv1a(w.encode("utf-8"))
        step = (h >> 32) | 1
        for j in range(k):
            i = (h + j * step) & MASK64
            i %= m
            arr[i // 8] |= 1 << (i % 8)
    return b"KRBLOOM1" + struct.pack("<II", bits, k) + bytes(arr)


def main():
    for lang, (path, source) in SOURCES.items():
        with open(path, encoding="utf-8") as f:
            entries = [l.strip() for l in f if l.strip()]
        lower = sorted({e for e in entries if e[0].islower()})
        proper = sorted({e for e in entries if e[0].isupper() and len(e) > 1
                         and "'" not in e and len(e.split()) <= 4})
        out = os.path.join(ROOT, "lang", lang, "lexicon", "words.bloom")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as f:
            f.write(bloom(lower))
        gaz = os.path.join(ROOT, "lang", lang, "gazetteer", "lexicon.tsv")
        with open(gaz, "w", encoding="utf-8") as f:
            f.write("# Written by scripts/build_lexicon.py; do not edit by hand.\n")
            f.write(f"# Source: {source}.\n")
            f.write("# Capitalised entries of the word list: names of places, people, firms, ...\n")
            for p in proper:
                f.write(f"{p}\tproper\n")
        print(f"{lang}: {len(lower)} lowercase words, {len(proper)} capitalised", file=sys.stderr)


if __name__ == "__main__":
    main()
