#!/usr/bin/env bash
# Packs the `sessions` tool into a folder: the pointer package, the NativeAOT linux-x64 package (needs clang)
# and the portable fallback for every other platform. Then: dotnet tool install -g SessionStore.Tool --add-source <folder>
#   scripts/pack-tool.sh [folder (default: artifacts/tool)] [version (default: the project's)] [extra pack arguments...]
# Quiet when it works; when a pack fails, it says which one and prints everything dotnet said, and exits 1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/artifacts/tool}")
version=${2:+-p:Version=$2}
project="$root/src/SessionStore.Tool"
set -- "${@:3}"

pack() {
  local what=$1 log
  shift
  if ! log=$(dotnet pack "$project" -c Release -nologo -v:q -o "$out" ${version:+"$version"} "$@" 2>&1); then
    printf 'pack-tool: packing the %s package failed; dotnet said:\n%s\n' "$what" "$log" >&2
    exit 1
  fi
}

pack pointer "$@"
pack "NativeAOT linux-x64" -r linux-x64 "$@"
pack portable -r any -p:PublishAot=false "$@"
ls "$out"/SessionStore.Tool*.nupkg
