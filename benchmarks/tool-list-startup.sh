#!/usr/bin/env bash
# Start-to-exit time of the installed `sessions list` over 1,000 sessions (written by the Python module):
# the NativeAOT linux-x64 package, the portable (framework-dependent) package, and the Python reference
# (python3 -c with sys.path at ../shared/seed, list_sessions + printing the ids), all on the same directory.
# Packs the tool into a temp folder, installs it twice with `dotnet tool install --tool-path`, and times
# with hyperfine (apt-get install hyperfine) or, without it, the median of 20 runs.
#   benchmarks/tool-list-startup.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seed="$root/../shared/seed"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/packages"
version="0.2.0-bench.$(date +%s)"
"$root/scripts/pack-tool.sh" "$work/feed" "$version" >/dev/null                                   # pointer, NativeAOT linux-x64, portable
"$root/scripts/pack-tool.sh" "$work/feed" "$version-portable" -p:ToolPackageRuntimeIdentifiers=any >/dev/null   # a pointer to the portable one only
dotnet tool install SessionStore.Tool --version "$version" --tool-path "$work/native" --add-source "$work/feed" >/dev/null
dotnet tool install SessionStore.Tool --version "$version-portable" --tool-path "$work/portable" --add-source "$work/feed" >/dev/null

python3 - "$work/sessions" "$seed" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from session_store import StoredSession, save_session
for i in range(1000):
    save_session(StoredSession(f"s{i:04d}", ("hello", "world"), i, i), Path(sys.argv[1]))
PY
native="$work/native/sessions list --dir $work/sessions"
portable="$work/portable/sessions list --dir $work/sessions"
python="python3 -c \"import sys; sys.path.insert(0, '$seed'); from session_store import list_sessions; from pathlib import Path; print('\\n'.join(list_sessions(Path('$work/sessions'))))\""
[ "$($work/native/sessions list --dir "$work/sessions" | wc -l)" = 1000 ] || { echo "native: not 1,000 sessions"; exit 1; }
[ "$($work/portable/sessions list --dir "$work/sessions" | wc -l)" = 1000 ] || { echo "portable: not 1,000 sessions"; exit 1; }
file -L "$work/native/sessions" | grep -q ELF || { echo "the native install is not a native binary"; exit 1; }
echo "native binary: $(stat -L -c %s "$work/native/sessions") bytes"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 30 -n native "$native" -n portable "$portable" -n python "$python" --export-markdown "$work/result.md" >/dev/null 2>&1 ||
    hyperfine --warmup 3 --runs 30 -n native "$native" -n portable "$portable" -n python "$python" --export-markdown "$work/result.md" >/dev/null
  cat "$work/result.md"
else
  median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
  time_ms() { local s e; s=$(date +%s%N); eval "$1" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
  for name in native portable python; do
    cmd=${!name}
    printf '%-9s %s ms (median of 20)\n' "$name" "$(for i in $(seq 20); do time_ms "$cmd"; done | median | awk '{printf "%.1f", $1/1000}')"
  done
fi
