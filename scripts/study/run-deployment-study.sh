#!/usr/bin/env bash
# Reruns the deployment study of docs/deployment-study.md from scratch: msde-eval with --prevalence and
# --batch-size on the synthetic brain MRI (self-supervised backbone, then raw pixels) and on the
# PneumoniaMNIST file, the inductive-variants bench on the same embeddings, and the figures as PNG
# (headless Chromium, Debian's `chromium`).
#
#   scripts/study/run-deployment-study.sh [OUT]        (default: runs/deployment-study)
#
# Data and cache go to $MSDE4J_DATA and $MSDE4J_CACHE, by default OUT/data and OUT/cache, so the run
# touches nothing else. PNEUMONIA_NPZ overrides the MedMNIST file (default ../shared/data/...).
# About 17 minutes on an idle 2-core machine; every number repeats exactly (seeds are fixed).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mkdir -p "${1:-runs/deployment-study}"
out="$(cd "${1:-runs/deployment-study}" && pwd)"
export MSDE4J_DATA="${MSDE4J_DATA:-$out/data}"
export MSDE4J_CACHE="${MSDE4J_CACHE:-$out/cache}"
npz="${PNEUMONIA_NPZ:-$root/../shared/data/pneumoniamnist-balanced.npz}"
[ -f "$npz" ] || { echo "PneumoniaMNIST file $npz not found: set PNEUMONIA_NPZ to a MedMNIST .npz." >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium not found: install Debian's chromium for the figures." >&2; exit 1; }

prevalences=0.01,0.02,0.05,0.1,0.2,0.5
batch_sizes=1,10,30,100,1000
mkdir -p "$out/logs"

# logged NAME COMMAND...: runs COMMAND, its output shown and kept in OUT/logs/NAME.txt, which is
# written as NAME.txt.part and moved into place only when COMMAND succeeds: an earlier run's log is
# never replaced (a rerun into the same OUT is refused before anything runs).
logged() {
  local log="$out/logs/$1.txt"
  shift
  [ ! -e "$log" ] || { echo "$log exists (an earlier run's log): give another OUT folder, or move it away." >&2; exit 1; }
  "$@" 2>&1 | tee "$log.part"
  mv "$log.part" "$log"
}

# study NAME ARGS...: one msde-eval run into OUT/NAME.
study() {
  local name=$1
  shift
  echo "== msde-eval $* (→ $out/$name)"
  logged "$name" ./jbang msde-eval "$@" --out "$out/$name"
}

for backbone in ssl pixels; do
  study "synthetic-$backbone-prevalence" synthetic-brain-mri --backbone "$backbone" --prevalence "$prevalences" --repeats 20
  study "synthetic-$backbone-batch" synthetic-brain-mri --backbone "$backbone" --batch-size "$batch_sizes" --repeats 5
done
study pneumonia-ssl-prevalence --npz "$npz" --prevalence "$prevalences" --repeats 20
study pneumonia-ssl-batch --npz "$npz" --batch-size "$batch_sizes" --repeats 5

variants() {
  local name=$1
  shift
  echo "== msde-bench inductive-variants $*"
  logged "inductive-variants-$name" ./jbang msde-bench inductive-variants "$@"
}
variants synthetic-ssl synthetic-brain-mri --backbone ssl
variants synthetic-pixels synthetic-brain-mri --backbone pixels
variants pneumonia-ssl --npz "$npz" --backbone ssl

./jbang msde-bench study-figures "$out"/*-prevalence "$out"/*-batch --out "$out/figures"
for page in "$out"/figures/*.html; do
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
    --user-data-dir="$profile" --window-size=1220,560 --virtual-time-budget=10000 \
    --screenshot="${page%.html}.png" "file://$page" 2>/dev/null
  rm -rf "$profile"
done
echo "done: runs in $out, figures in $out/figures (docs/deployment-study/ holds the committed copies)"
