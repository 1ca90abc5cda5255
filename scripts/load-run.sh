#!/usr/bin/env bash
# The long multi-process round: P processes x N mixed operations (save, update, load, list, delete) on
# overlapping ids, then the checks (exact counters, one winner per delete). Prints its figures.
#   scripts/load-run.sh [processes=4] [operations=20000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dotnet build "$root/tests/SessionStore.TestWorker" -c Release -nologo -v:q >/dev/null
dotnet "$root/tests/SessionStore.TestWorker/bin/Release/net10.0/SessionStore.TestWorker.dll" load-harness "$dir/sessions" "${1:-4}" "${2:-20000}"
