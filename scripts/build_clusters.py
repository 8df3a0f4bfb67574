#!/usr/bin/env python3
"""Builds lang/common/ner/clusters.bin: Brown word clusters of German, English and Spanish words,
learned by the spaCy project from large unlabelled text and published in the PyPI package
spacy-lookups-data (MIT licence) as `{de,en,es}_lexeme_cluster.json.gz`.

Names of firms, people and places are written alike across languages, so these clusters tell the
NER tagger (crates/kroniek-core/src/entities/ner/clusters.rs) what kind of name an unseen word
is, for Dutch and English text alike. Nothing here is downloaded at run time:

  python3 -m venv .venv && .venv/bin/pip install spacy-lookups-data==1.0.5
  .venv/bin/python scripts/build_clusters.py

Format (little-endian): magic `KRCLUS01`; u32 entry count n; u32 table sizes s_de, s_en, s_es;
each table (s u32 raw cluster ids; index 0 is "no cluster", id 0); n u32 fingerprints, sorted
ascending (the high 32 bits of FNV-1a 64 of the UTF-8 word); n u32 packed table indices (bits
0-9 German, 10-19 English, 20-29 Spanish). Words whose fingerprints collide are left out.
A raw id is the Brown path read backwards as a binary number, so its low k bits are the path's
first k branches (the prefix features).
"""

import gzip
import json
import os
import struct
import sys

from build_lexicon import fnv1a  # the hash the Rust side computes (lexicon.rs)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LANGS = ["de", "en", "es"]


def load(lang):
    import spacy_lookups_data

    path = os.path.join(
        os.path.dirname(spacy_lookups_data.__file__), "data", f"{lang}_lexeme_cluster.json.gz"
    )
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def main():
    tables = {lang: load(lang) for lang in LANGS}
    ids = {}
    for lang in LANGS:
        distinct = sorted({c for c in tables[lang].values() if c})
        if len(distinct) >= 1024:
            sys.exit(f"{lang}: {len(distinct)} clusters do not fit in 10 bits")
        ids[lang] = [0] + distinct
    index = {lang: {c: i for i, c in enumerate(ids[lang])} for lang in LANGS}
    words = set()
    for lang in LANGS:
        words.update(w for w, c in tables[lang].items() if c)
    entries = {}
    clashes = set()
    for w in words:
        fp = fnv1a(w.encode("utf-8")) >> 32
        packed = 0
        for k, lang in enumerate(LANGS):
            packed |= index[lang][tables[lang].get(w, 0)] << (10 * k)
        if fp in entries:
            clashes.add(fp)
        entries[fp] = packed
    for fp in clashes:
        del entries[fp]
    fps = sorted(entries)
    out = bytearray(b"KRCLUS01")
    out += struct.pack("<I", len(fps))
    out += struct.pack("<III", *(len(ids[lang]) for lang in LANGS))
    for lang in LANGS:
        out += struct.pack(f"<{len(ids[lang])}I", *ids[lang])
    out += struct.pack(f"<{len(fps)}I", *fps)
    out += struct.pack(f"<{len(fps)}I", *(entries[fp] for fp in fps))
    dest = os.path.join(ROOT, "lang", "common", "ner", "clusters.bin")
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as f:
        f.write(out)
    print(f"{dest}: {len(fps)} words ({len(clashes)} fingerprint clashes left out), "
          f"{len(out)} bytes")


if __name__ == "__main__":
    main()
