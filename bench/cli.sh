#!/usr/bin/env bash
# The command line's speed as a user feels it: one core, one small article, all cores, memory.
#
#   bench/cli.sh [--runs N]        (default: 5 runs per figure; the best and the median are shown)
#
# 1. `analyze` of the Dutch news (../shared/data/dutch_news/throughput_nl.txt as JSON Lines,
#    1.6 MB of article text) on one core (RAYON_NUM_THREADS=1): MB/s of article text;
# 2. `analyze` of one small article (examples/2024-02-14-leeft-nog.txt): wall time from start to
#    exit, process start and the loading of the language data included;
# 3. `analyze` and `ingest` (into a new database) of the news repeated 3 times (4.7 MB) with 1 and
#    with all cores: wall time and the speed-up;
# 4. peak resident memory of each run (/usr/bin/time).
# Release build. Prints one line per figure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${KRONIEK_DATA:-$root/../shared/data}
runs=5
if [ "${1:-}" = "--runs" ]; then
    runs=${2:?--runs needs a number}
fi
(cd "$root" && cargo build --quiet --release -p kroniek-cli)
kroniek=$root/target/release/kroniek
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$data/dutch_news/throughput_nl.txt" "$work" <<'PY'
import json, sys
src, work = sys.argv[1], sys.argv[2]
docs, cur = [], None
for line in open(src, encoding="utf-8"):
    if line.startswith("### "):
        if cur is not None:
            docs.append(cur)
        cur = [line[4:].strip(), ""]
    elif cur is not None:
        cur[1] += line
if cur is not None:
    docs.append(cur)
def write(path, copies):
    with open(path, "w", encoding="utf-8") as f:
        for c in range(copies):
            for i, t in docs:
                f.write(json.dumps({"id": f"c{c}-{i}", "text": t, "published": "2017-06-16"}) + "\n")
write(f"{work}/news.jsonl", 1)
write(f"{work}/news3.jsonl", 3)
print(sum(len(t.encode()) for _, t in docs), file=open(f"{work}/bytes", "w"))
PY
bytes=$(cat "$work/bytes")

# Runs a command $runs times; prints "best median peak_MB" (seconds, seconds, MB).
measure() {
    local times=() peak=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/t" "$@" > /dev/null 2> "$work/err" || {
            echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
        read -r secs kb < "$work/t"
        times+=("$secs")
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    printf '%s\n' "${times[@]}" | sort -g | awk -v peak="$peak" '
        { t[NR] = $1 } END { printf "%s %s %d\n", t[1], t[int((NR + 1) / 2)], peak / 1024 }'
}

read -r best median peak < <(RAYON_NUM_THREADS=1 measure "$kroniek" analyze "$work/news.jsonl" --compact)
awk -v b="$bytes" -v best="$best" -v med="$median" -v peak="$peak" 'BEGIN {
    printf "analyze, one core, %.2f MB:      best %.2f s (%.2f MB/s)  median %.2f s (%.2f MB/s)  peak %d MB\n",
        b / 1e6, best, b / 1e6 / best, med, b / 1e6 / med, peak }'

read -r best median peak < <(measure "$kroniek" analyze "$root/examples/2024-02-14-leeft-nog.txt" --compact)
awk -v best="$best" -v med="$median" -v peak="$peak" 'BEGIN {
    printf "analyze, one small article:      best %.0f ms  median %.0f ms  peak %d MB\n",
        best * 1000, med * 1000, peak }'

cores=$(nproc)
for cmd in analyze ingest; do
    line=""
    for threads in 1 "$cores"; do
        if [ "$cmd" = analyze ]; then
            read -r best median peak < <(RAYON_NUM_THREADS=$threads measure "$kroniek" analyze "$work/news3.jsonl" --compact)
        else
            # A new database each run: every article is analysed and stored.
            cat > "$work/ingest.sh" <<SH
#!/usr/bin/env bash
rm -rf "$work/db" "$work/db.index"
exec "$kroniek" ingest "$work/news3.jsonl" --db "$work/db"
SH
            chmod +x "$work/ingest.sh"
            read -r best median peak < <(RAYON_NUM_THREADS=$threads measure "$work/ingest.sh")
        fi
        eval "t$threads=$best"
        line+=$(printf '%s thread(s) best %.2f s (median %.2f s, peak %d MB)   ' "$threads" "$best" "$median" "$peak")
    done
    t1v=$t1
    tnv=$(eval echo "\$t$cores")
    awk -v l="$line" -v a="$t1v" -v n="$tnv" -v c="$cmd" -v cores="$cores" 'BEGIN {
        printf "%-7s 4.7 MB: %s speed-up x%.2f on %d cores\n", c, l, a / n, cores }'
done
