#!/usr/bin/env bash
# validate-changed.sh BASE [FORMAT [OUTPUT]]
#
# Validates the report files a change request adds or modifies under submissions/
# (compared with BASE, e.g. origin/main), and only those. FORMAT is github (inline
# annotations, the default), junit (with OUTPUT, e.g. vdhv-junit.xml, for GitLab) or text.
# Exit 0 when every changed file is valid, 1 when one has errors — the check fails.
# Both example CI files call this script; testdata/script/ci_github.txtar runs it locally.
set -euo pipefail
base="${1:?usage: validate-changed.sh BASE [FORMAT [OUTPUT]]}"
format="${2:-github}"
output="${3:-}"

files=()
while IFS= read -r -d '' f; do
  case "${f,,}" in
    *.xlsx|*.xlsm|*.xls|*.xlsb|*.ods|*.csv) files+=("$f") ;;
  esac
done < <(git diff --name-only --diff-filter=AMR -z "$base"...HEAD -- submissions)

if [ ${#files[@]} -eq 0 ]; then
  echo "Không có tệp báo cáo nào thay đổi / no report file changed."
  exit 0
fi
echo "Kiểm tra ${#files[@]} tệp / checking ${#files[@]} files: ${files[*]}"
args=(validate --format "$format")
if [ -n "$output" ]; then
  args+=(-o "$output")
fi
if [ "$format" != text ] && [ -n "$output" ]; then
  # Also show the findings in the job log.
  vdhv validate --format text "${files[@]}" || true
fi
exec vdhv "${args[@]}" "${files[@]}"
