#!/usr/bin/env bash
# System calls per operation, for our store, the floor and the Python reference module: each operation
# runs N and then 2N times under `strace -c -f` (all threads, the runtime's included), and the difference
# of the two counts divided by N is what one operation costs; start-up, warm-up and set-up cancel out.
# Sessions are 100 messages unless the operation says (load-10000). Usage: benchmarks/syscalls.sh [N]
# (default 1000) [operation...]. Needs strace (apt-get install strace) and python3.
set -euo pipefail
n=${1:-1000}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
ops=("$@")
[ ${#ops[@]} -gt 0 ] || ops=(load-100 load-10000 save save-durable exists list delete append append-durable
  floor-load floor-save floor-save-durable py-load py-save py-exists py-list py-delete)
command -v strace >/dev/null || { echo "strace is missing: apt-get install -y strace" >&2; exit 1; }
project="$root/benchmarks/SessionStore.Benchmarks"
dotnet build "$project" -c Release -nologo -v:q >/dev/null
dll="$project/bin/Release/net10.0/SessionStore.Benchmarks.dll"
seed="$root/../shared/seed"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The Python module, one operation in a loop, with the same warm-up and the same 100-message sessions.
py_loop='
import sys
phase, op, d, n, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
sys.path.insert(0, seed)
from pathlib import Path
from session_store import StoredSession, save_session, load_session, list_sessions, session_exists, delete_session
d = Path(d)
s = StoredSession("s", tuple("message %d: the quick brown fox jumps over the lazy dog, turn %d" % (j, j) for j in range(100)), 1000, 2000)
if phase == "prepare":
    for i in range(n if op == "delete" else 1):
        save_session(StoredSession("d%07d" % i if op == "delete" else "s", s.messages, 1000, 2000), d)
    sys.exit(0)
f = {"load": lambda i: load_session("s", d), "save": lambda i: save_session(s, d), "exists": lambda i: session_exists("s", d),
     "list": lambda i: list_sessions(d), "delete": lambda i: delete_session("d%07d" % i, d)}[op]
if op != "delete":
    for i in range(50): f(i)
for i in range(n): f(i)
'

# strace -c output -> "syscall count" lines
counts() { awk '/^-+/ {dash++; next} dash == 1 && NF >= 5 { print $NF, $4 }' "$1"; }

run() { # op count -> strace summary file
  local op=$1 count=$2 dir="$work/$1-$2"
  mkdir -p "$dir"
  if [[ $op == py-* ]]; then
    python3 -c "$py_loop" prepare "${op#py-}" "$dir" "$count" "$seed"
    strace -c -f -o "$work/$op-$count.txt" python3 -c "$py_loop" run "${op#py-}" "$dir" "$count" "$seed"
  else
    dotnet "$dll" syscall-loop prepare "$op" "$dir" "$count"
    strace -c -f -o "$work/$op-$count.txt" dotnet "$dll" syscall-loop run "$op" "$dir" "$count"
  fi
  echo "$work/$op-$count.txt"
}

printf '| operation | syscalls per op | of which |\n|---|---:|---|\n'
for op in "${ops[@]}"; do
  one=$(run "$op" "$n")
  two=$(run "$op" $((2 * n)))
  join -a1 -a2 -e 0 -o 0,1.2,2.2 <(counts "$one" | sort) <(counts "$two" | sort) |
    awk -v n="$n" -v op="$op" '
      { d = ($3 - $2) / n; if (d >= 0.05 || d <= -0.05) { total += d; parts = parts sprintf("%s%s %.2f", sep, $1, d); sep = ", " } }
      END { printf "| %s | %.2f | %s |\n", op, total, parts }'
done
