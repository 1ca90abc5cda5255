#!/usr/bin/env bash
# Packs the `sessions` tool into a folder: the pointer package, the NativeAOT linux-x64 package (needs clang)
# and the portable fallback for every other platform. Then: dotnet tool install -g SessionStore.Tool --add-source <folder>
#   scripts/pack-tool.sh [folder (default: artifacts/tool)] [version (default: the project's)] [extra pack arguments...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/artifacts/tool}")
version=${2:+-p:Version=$2}
project="$root/src/SessionStore.Tool"
set -- "${@:3}"
dotnet pack "$project" -c Release -nologo -v:q -o "$out" ${version:+"$version"} "$@" >/dev/null
dotnet pack "$project" -c Release -nologo -v:q -o "$out" ${version:+"$version"} -r linux-x64 "$@" >/dev/null
dotnet pack "$project" -c Release -nologo -v:q -o "$out" ${version:+"$version"} -r any -p:PublishAot=false "$@" >/dev/null
ls "$out"/SessionStore.Tool*.nupkg
