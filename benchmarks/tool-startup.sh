#!/usr/bin/env bash
# Start-to-exit time of the installed `sessions` tool against the Python reference, cold (a fresh process
# each run: the portable package is a first load under the JIT, the NativeAOT one needs no JIT):
#   list: `sessions list` over 1,000 sessions vs python3 -c list_sessions + printing the ids;
#   show: `sessions show` of one 1,000-message session vs python3 -c load_session + printing each message.
# All data is written by the Python module.
# Packs the tool into a temp folder, installs it twice with `dotnet tool install --tool-path`, and times
# with hyperfine (apt-get install hyperfine) or, without it, the median of 20 runs.
#   benchmarks/tool-startup.sh
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
save_session(StoredSession("long", tuple(f"turn {i}: " + "some text of an ordinary chat message, " * 3 for i in range(1000)), 1000, 1000), Path(sys.argv[1] + "-long"))
PY
measure() {  # name of the run, then the three commands
  local what=$1 native=$2 portable=$3 python=$4
  echo "### $what"
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs 30 -n native "$native" -n portable "$portable" -n python "$python" --export-markdown "$work/result.md" >/dev/null 2>&1 ||
      hyperfine --warmup 3 --runs 30 -n native "$native" -n portable "$portable" -n python "$python" --export-markdown "$work/result.md" >/dev/null
    cat "$work/result.md"
  else
    median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
    time_ms() { local s e; s=$(date +%s%N); eval "$1" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
    for name in native portable python; do
      printf '%-9s %s ms (median of 20)\n' "$name" "$(for i in $(seq 20); do time_ms "${!name}"; done | median | awk '{printf "%.1f", $1/1000}')"
    done
  fi
}

[ "$($work/native/sessions list --dir "$work/sessions" | wc -l)" = 1000 ] || { echo "native: not 1,000 sessions"; exit 1; }
[ "$($work/portable/sessions list --dir "$work/sessions" | wc -l)" = 1000 ] || { echo "portable: not 1,000 sessions"; exit 1; }
[ "$($work/native/sessions show long --dir "$work/sessions-long" | grep -c 'turn ')" -ge 1000 ] || { echo "native: show did not print 1,000 messages"; exit 1; }
file -L "$work/native/sessions" | grep -q ELF || { echo "the native install is not a native binary"; exit 1; }
echo "native binary: $(stat -L -c %s "$work/native/sessions") bytes"

measure "list of 1,000 sessions" "$work/native/sessions list --dir $work/sessions" "$work/portable/sessions list --dir $work/sessions" \
  "python3 -c \"import sys; sys.path.insert(0, '$seed'); from session_store import list_sessions; from pathlib import Path; print('\\n'.join(list_sessions(Path('$work/sessions'))))\""
measure "show of a 1,000-message session" "$work/native/sessions show long --dir $work/sessions-long" "$work/portable/sessions show long --dir $work/sessions-long" \
  "python3 -c \"import sys; sys.path.insert(0, '$seed'); from session_store import load_session; from pathlib import Path; print('\\n'.join(load_session('long', Path('$work/sessions-long')).messages))\""
