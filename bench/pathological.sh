#!/usr/bin/env bash
# Pathological corpora: each must complete, with a bounded peak memory.
#
#   bench/pathological.sh
#
# 1. one article that is a single 1 MB sentence (no full stop);
# 2. 10,000 small articles in one directory;
# 3. one article naming 5,000 different people;
# 4. a 10 MB corpus (the Dutch news text repeated), the memory target of docs/PERFORMANCE.md.
# Each runs `kroniek analyze` (release build, all cores) under /usr/bin/time; prints wall time and
# peak resident memory, and fails when a run fails or its peak memory exceeds LIMIT_MB (200, the
# target of docs/PERFORMANCE.md for a 10 MB corpus).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${KRONIEK_DATA:-$root/../shared/data}
limit_mb=${LIMIT_MB:-200}
(cd "$root" && cargo build --quiet --release -p kroniek-cli)
kroniek=$root/target/release/kroniek
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$data/dutch_news/throughput_nl.txt" <<'PY'
import json, os, random, sys
work, news = sys.argv[1], sys.argv[2]
rng = random.Random(7)
words = ("de het een leider stad aanval zegt volgens ministerie woordvoerder Mosul Raqqa "
         "gisteren vorige week vrijdag dood leeft strijders 15.000 juni 2017 zou niet").split()
# 1. A 1 MB sentence.
parts, size = [], 0
while size < 1_000_000:
    w = rng.choice(words)
    parts.append(w)
    size += len(w) + 1
os.makedirs(f"{work}/sentence")
open(f"{work}/sentence/zin.txt", "w").write(" date 2017-06 " + " ".join(parts))
# 2. 10,000 articles in one directory.
os.makedirs(f"{work}/many")
first = ["Jan", "Piet", "Abu", "Karim", "Anna", "Marie", "Omar", "Sara"]
last = ["Peeters", "Janssens", "al-Haddad", "Vermeulen", "Yilmaz", "de Vries", "Ahmadi"]
places = ["Mosul", "Raqqa", "Antwerpen", "Gent", "Brussel", "Damascus", "Aleppo"]
for i in range(10_000):
    p = f"{rng.choice(first)} {rng.choice(last)}"
    text = (f" date 2017-{1 + i % 12:02d}-{1 + i % 28:02d} {p} is volgens de politie op "
            f"{1 + i % 28} juni in {rng.choice(places)} gezien. Een woordvoerder bevestigde dat. "
            f"Bericht nummer {i}.")
    open(f"{work}/many/a{i:05d}.txt", "w").write(text)
# 3. An article with 5,000 names: invented first and last names from syllables, each person
# quoted, some referred back to by a pronoun or a description.
syl = ["ba", "ker", "mo", "ran", "di", "vel", "to", "shan", "li", "gor", "ne", "mar", "su", "rik"]
def word():
    return "".join(rng.choice(syl) for _ in range(rng.randint(2, 3))).capitalize()
names = set()
while len(names) < 5000:
    names.add(f"{word()} {word()}")
sentences = []
for n in sorted(names, key=lambda _: rng.random()):
    sentences.append(f"Volgens {n} is de leider in {rng.choice(places)}.")
    if rng.random() < 0.3:
        sentences.append("Hij zei dat de woordvoerder het had bevestigd.")
os.makedirs(f"{work}/names")
open(f"{work}/names/namen.txt", "w").write(" date 2017-06 " + " ".join(sentences))
# 4. About 10 MB of news: the Dutch text repeated, each copy's documents renamed.
docs, cur = [], None
for line in open(news, encoding="utf-8"):
    if line.startswith("### "):
        if cur is not None:
            docs.append("".join(cur))
        cur = []
    elif cur is not None:
        cur.append(line)
if cur is not None:
    docs.append("".join(cur))
os.makedirs(f"{work}/news10")
with open(f"{work}/news10/news.jsonl", "w") as f:
    size, copy = 0, 0
    while size < 10_000_000:
        for i, d in enumerate(docs):
            # Copies differ by a line, so they are near duplicates of each other, as syndicated
            # news is; every one is still analysed.
            text = d + f"\n(kopie {copy})"
            f.write(json.dumps({"id": f"c{copy}-d{i}", "text": text, "published": "2017-06-16"}) + "\n")
            size += len(text.encode())
            if size >= 10_000_000:
                break
        copy += 1
print(f"10 MB of news: {size} bytes of article text", file=sys.stderr)
PY

status=0
run() {
    local name=$1; shift
    local out=$work/$name.time
    if /usr/bin/time -f "%e %M" -o "$out" "$kroniek" analyze "$@" --compact > /dev/null 2> "$work/$name.err"; then
        read -r secs kb < "$out"
        local mb=$((kb / 1024))
        printf '%-28s %8.2f s  %6d MB peak' "$name" "$secs" "$mb"
        if [ "$mb" -gt "$limit_mb" ]; then printf '  OVER %d MB' "$limit_mb"; status=1; fi
        printf '\n'
    else
        printf '%-28s FAILED\n' "$name"; tail -3 "$work/$name.err"; status=1
    fi
}
run "1 MB sentence" "$work/sentence"
run "10,000 articles" "$work/many"
run "5,000 names" "$work/names"
run "10 MB of news" "$work/news10"
exit $status
