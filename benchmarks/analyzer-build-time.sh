#!/usr/bin/env bash
# Measures the analyzers' share of a command-line build: a generated project of N files (default 500),
# each full of store calls, built once with -p:ReportAnalyzer=true. Prints the compiler's analyzer and
# generator report and the share of the build's wall time that SessionStore.Analyzers.dll (the rules) and
# SessionStore.Generators.dll (the generator) took together.
set -euo pipefail
files=${1:-500}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/src/SessionStore.Analyzers/SessionStore.Analyzers.csproj" -c Release -nologo -v:q >/dev/null
dotnet build "$root/src/SessionStore.Generators/SessionStore.Generators.csproj" -c Release -nologo -v:q >/dev/null
dotnet build "$root/src/SessionStore/SessionStore.csproj" -c Release -nologo -v:q >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/Big.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings>
    <NoWarn>CS1998</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="$root/src/SessionStore/bin/Release/net10.0/SessionStore.dll" />
    <Analyzer Include="$root/src/SessionStore.Analyzers/bin/Release/netstandard2.0/SessionStore.Analyzers.dll" />
    <Analyzer Include="$root/src/SessionStore.Generators/bin/Release/netstandard2.0/SessionStore.Generators.dll" />
  </ItemGroup>
</Project>
XML
for i in $(seq 1 "$files"); do
  cat > "$work/File$i.cs" <<CS
using SessionStore;
namespace Big;
public sealed class Worker$i
{
    private readonly FileSessionStore _store = new("d$i");
    public async Task RunAsync(string id, List<string> ids)
    {
        _store.Delete(id);
        _ = _store.Delete("id-$i");
        if (!await _store.DeleteAsync(id).ConfigureAwait(false)) { }
        ids.ForEach(x => _store.Delete(x));
        try { _ = _store.Delete(id); _store.Save(new StoredSession("s$i", ["m"], 1, 2)); }
        catch (IOException) { }
        try { _ = _store.Load("ok-$i"); } catch (SessionDeleteException) { throw; } catch (Exception) { }
        for (int k = 0; k < 10; k++) { var s = _store.TryLoad("k" + k, out var found) ? found : null; Console.WriteLine(s?.Messages.Count ?? k * $i); }
    }
}
CS
done
cd "$work"
dotnet restore -v:q >/dev/null
start=$(date +%s.%N)
dotnet build --no-restore -nologo -v:d -p:ReportAnalyzer=true > build.log
end=$(date +%s.%N)
echo "files: $files   build wall time: $(echo "$end - $start" | bc) s"
wall=$(echo "$end - $start" | bc)
grep -vE "^\s*/" build.log | grep -E "Total (analyzer|generator) execution time|SessionStore\.(Analyzers|Generators)|NetAnalyzers,|Time Elapsed" | sed 's/^ *//' | sort -u | head -24
ours=$(grep -vE "^\s*/" build.log | grep -E "SessionStore\.(Analyzers|Generators), Version" | sed 's/^ *//' | awk '{ s += $1 } END { print s + 0 }')
echo "SessionStore.Analyzers.dll + SessionStore.Generators.dll: $ours s of a $wall s build ($(echo "scale=1; 100 * $ours / $wall" | bc) %)"
