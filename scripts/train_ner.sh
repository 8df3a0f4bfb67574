#!/usr/bin/env bash
# Rebuilds the shipped NER models (deterministic: fixed seeds). About a minute on one core.
#   lang/nl/ner/model.bin  from CoNLL-2002 ned.train, epochs chosen on ned.testa
#   lang/en/ner/model.bin  from MEANTIME English (both topics, weighted x8) + CoNLL-2002 ned.train
# Data: ../shared/data (or $KRONIEK_DATA). Gazetteers, lexicons and word clusters first:
#   scripts/build_gazetteers.py, scripts/build_lexicon.py, scripts/build_clusters.py (see their
#   headers).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${KRONIEK_DATA:-../shared/data}"
cargo build --release -p kroniek-cli
K=./target/release/kroniek
$K train ner --lang nl \
  --train "$DATA/conll2002/ned.train" --dev "$DATA/conll2002/ned.testa" \
  --members 3 --word-dropout 0.4 --epochs 8 --epochs2 10 \
  --out lang/nl/ner/model.bin
M="$DATA/meantime_en/intra-doc_annotation"
EN=()
for _ in 1 2 3 4 5 6 7 8; do EN+=(--train "$M"); done
$K train ner --lang en "${EN[@]}" --train "$DATA/conll2002/ned.train" \
  --epochs 6 --epochs2 8 --out lang/en/ner/model.bin
