#!/usr/bin/env bash
# TempEval-3 time expressions with the official scorer.
#
#   eval/tempeval3.sh [GOLD_DIR]
#
# 1. copies the gold TimeML files (default: TimeBank + AQUAINT of TempEval-3's training data)
#    into a flat folder, as the scorer compares file by file;
# 2. makes `X.tml.TE3input` files from them (`kroniek eval te3input`: the DCT kept, every tag in
#    TEXT removed), as the task gave its test input;
# 3. annotates them (`kroniek tempeval IN_DIR OUT_DIR`: TIMEX3 tags put into TEXT as `X.tml`);
# 4. runs the official scorer `TE3-evaluation.py` (Python 2.7 through pyenv, Java for its
#    normalizer) from a copy of its folder, since it writes temporary files beside itself.
#
# The "Timex Performance" block is Kroniek's; event and relation figures are zero (Kroniek does
# not annotate them). Nothing here is copied into the repository: the work folder is under
# target/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${KRONIEK_DATA:-$root/../shared/data}
gold=${1:-$data/tempeval3/Training/TBAQ-cleaned}
work=${WORK:-$root/target/tempeval3}
kroniek=${KRONIEK:-$root/target/release/kroniek}
if [ ! -x "$kroniek" ]; then
    (cd "$root" && cargo build --release -p kroniek-cli)
fi
rm -rf "$work"
mkdir -p "$work/gold" "$work/input" "$work/system"
find "$gold" -name '*.tml' -exec cp {} "$work/gold/" \;
"$kroniek" eval te3input "$work/gold" "$work/input"
"$kroniek" tempeval "$work/input" "$work/system"
cp -r "$data/tempeval3/Tools/tools" "$work/tools"
chmod -R u+w "$work/tools"
cd "$work/tools"
export PYENV_VERSION=2.7.18
python2 TE3-evaluation.py "$work/gold/" "$work/system/" 2>&1 | sed -n '/=== Timex Performance ===/,/^$/p'
