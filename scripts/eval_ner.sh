#!/usr/bin/env bash
# Reproduces the figures of eval/reports/ner.md.
#   Dutch: the shipped model on CoNLL-2002 ned.testa (exact spans, as conlleval).
#   English: MEANTIME cross-topic (train on one topic, test on the other), models in /tmp.
#   Speed: the divan benchmark (tokens per second on one core).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${KRONIEK_DATA:-../shared/data}"
cargo build --release -p kroniek-cli
K=./target/release/kroniek
echo "## Dutch, ned.testa"
$K eval ner --lang nl --conll "$DATA/conll2002/ned.testa"
M="$DATA/meantime_en/intra-doc_annotation"
for pair in "corpus_airbus corpus_apple" "corpus_apple corpus_airbus"; do
  set -- $pair
  EN=()
  for _ in 1 2 3 4 5 6 7 8; do EN+=(--train "$M/$1"); done
  echo "## English, train $1 (x8) + ned.train, test $2"
  $K train ner --lang en "${EN[@]}" --train "$DATA/conll2002/ned.train" \
    --epochs 6 --epochs2 8 --out "/tmp/kroniek-ner-en-$1.bin" 2>/dev/null
  $K eval ner --lang en --conll "$M/$2" --model "/tmp/kroniek-ner-en-$1.bin"
  echo "## English, train $1 only, test $2"
  $K train ner --lang en --train "$M/$1" --epochs 6 --epochs2 8 \
    --out "/tmp/kroniek-ner-en-only-$1.bin" 2>/dev/null
  $K eval ner --lang en --conll "$M/$2" --model "/tmp/kroniek-ner-en-only-$1.bin"
done
echo "## Speed"
cargo bench -p kroniek-core --bench ner
