#!/usr/bin/env bash
# Seeds the fuzz corpora with the example articles (written for this project), so the fuzzer
# starts from real structure: a date header, JSON Lines fields, an HTML page with metadata.
#
#   fuzz/seed.sh && cd fuzz && cargo +nightly fuzz run ingest_html
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/fuzz/corpus
mkdir -p "$corpus"/{ingest_text,ingest_jsonl,ingest_html,pipeline}
for f in "$root"/examples/*.txt; do
    cp "$f" "$corpus/ingest_text/seed-$(basename "$f")"
    cp "$f" "$corpus/pipeline/seed-$(basename "$f")"
done
cp "$root"/examples/*.jsonl "$corpus/ingest_jsonl/"
for f in "$root"/examples/*.html; do
    cp "$f" "$corpus/ingest_html/seed-$(basename "$f")"
done
