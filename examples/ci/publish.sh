#!/usr/bin/env bash
# publish.sh [PERIOD [OUTDIR]]
#
# Runs after every merge to the default branch: the reporting status and the aggregation of
# PERIOD (default: the current year, or $VDHV_PERIOD) into OUTDIR (default out/), for the CI
# to publish as artifacts. Missing units do not fail the job; a unit counted twice does.
set -euo pipefail
period="${1:-${VDHV_PERIOD:-$(date +%Y)}}"
out="${2:-out}"
mkdir -p "$out"
vdhv status --period "$period" | tee "$out/trang-thai-$period.txt"
vdhv status --period "$period" --format xlsx -o "$out/trang-thai-$period.xlsx"
vdhv aggregate --period "$period" -o "$out/$period"
