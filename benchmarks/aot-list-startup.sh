#!/usr/bin/env bash
# Start-to-exit time of `list` over 1,000 sessions: the NativeAOT sample binary next to the Python
# reference (python3 + session_store.list_sessions) on the same directory. Median of 20 runs each.
#   benchmarks/aot-list-startup.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seed="$root/../shared/seed"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet publish "$root/samples/SessionStore.Samples.Aot" -c Release -r linux-x64 -o "$work/bin" -nologo -v:q >/dev/null
python3 - "$work/sessions" "$seed" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from session_store import StoredSession, save_session
for i in range(1000):
    save_session(StoredSession(f"s{i:04d}", ("hello", "world"), i, i), Path(sys.argv[1]))
PY
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
aot=$(for i in $(seq 20); do time_ms "$work/bin/sessions-aot" list "$work/sessions"; done | median)
py=$(for i in $(seq 20); do time_ms python3 -c "import sys; sys.path.insert(0, '$seed'); from session_store import list_sessions; from pathlib import Path; print(len(list_sessions(Path('$work/sessions'))))"; done | median)
size=$(stat -c %s "$work/bin/sessions-aot")
count=$("$work/bin/sessions-aot" list "$work/sessions" | wc -l)
echo "native binary: $size bytes ($(awk "BEGIN {printf \"%.1f\", $size/1048576}") MiB), lists $count sessions"
echo "list over 1,000 sessions, start to exit, median of 20: NativeAOT $(awk "BEGIN {printf \"%.1f\", $aot/1000}") ms, Python reference $(awk "BEGIN {printf \"%.1f\", $py/1000}") ms (ratio $(awk "BEGIN {printf \"%.1f\", $py/$aot}")x)"
