#!/bin/bash
# Runs each test file alone, each in a fresh clone of this repository's HEAD, so that nothing an earlier test made
# (cms/node_modules, .cache/, output/, tests/artifacts/) is there: proves that no test file needs another to run
# first. Uses this checkout's .venv (run `make test` once). Prints one line per file and the total; exits 1 if any
# file failed. Takes about 15 minutes on two cores.
#
#     bash tests/each-file-alone.sh [file ...]
set -u
project=$(cd "$(dirname "$0")/.." && pwd)
clone=$(mktemp -d)
trap 'rm -rf "$clone"' EXIT
cd "$project"
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(tests/test_*.py plugins/*/test_*.py)
failed=0
start=$(date +%s)
for file in "${files[@]}"; do
  rm -rf "$clone/repo"
  git clone -q "$project" "$clone/repo" && ln -s "$project/.venv" "$clone/repo/.venv"
  began=$(date +%s)
  if result=$(cd "$clone/repo" && .venv/bin/python -m pytest -q -n 2 "$file" 2>&1); then :; else failed=1; fi
  echo "$file: $(printf '%s\n' "$result" | tail -n 1) ($(( $(date +%s) - began )) s)"
done
echo "total $(( $(date +%s) - start )) s"
exit $failed
