#!/usr/bin/env bash
# The long round of the crash harness: kills a process that updates sessions with SIGKILL, N times
# (default 1000), checking after every kill that nothing is torn or lost. Prints its figures.
#   scripts/crash-run.sh [kills] [seed] [--python]   (--python: the Python reference module saves sessions back a step
#   and deletes them between kills, as a foreign writer that knows nothing of our locks; needs ../shared/seed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kills=${1:-1000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dotnet build "$root/tests/SessionStore.TestWorker" -c Release -nologo -v:q >/dev/null
seed=${2:-$RANDOM}
foreign=()
[ "${3:-}" = "--python" ] && foreign=("$(cd "$root/../shared/seed" && pwd)")
dotnet "$root/tests/SessionStore.TestWorker/bin/Release/net10.0/SessionStore.TestWorker.dll" crash-harness "$dir/sessions" "$kills" "$seed" "${foreign[@]}"
