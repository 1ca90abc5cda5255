// BenchmarkDotNet suites (dotnet run -c Release -- --filter '*') and the side-by-side comparison
// (dotnet run -c Release -- compare [sessions] [messages]), the catalog beside its peers (-- catalog DIR), the paged listing (-- paging [sessions]),
// typed appends (-- typed-append-cost [appends]), an agent turn's history cost (-- agent-turn-cost [runs]), and the
// PostgreSQL catalog's queries (-- catalog-postgres [sessions] [messages] [table to keep]).
using BenchmarkDotNet.Running;
using SessionStore.Benchmarks.Compare;

if (args is ["compare", .. var rest])
{
    return CompareCommand.Run(rest);
}

if (args is ["catalog", .. var catalogArgs])
{
    return CatalogCommand.Run(catalogArgs);
}

if (args is ["catalog-writes"])
{
    return CatalogCommand.Writes();
}

if (args is ["catalog-cold", var coldDirectory])
{
    return CatalogCommand.Cold(coldDirectory);
}

if (args is ["paging", .. var pagingArgs])
{
    return PagingCommand.Run(pagingArgs);
}

if (args is ["catalog-postgres", .. var postgresArgs])
{
    return PostgresCatalogCommand.Run(postgresArgs);
}

if (args is ["compare-variant", var variant, var directory, var sessions, var messages])
{
    return CompareCommand.RunVariant(variant, directory, int.Parse(sessions), int.Parse(messages));
}

if (args is ["compare-ops", var column, var opsDirectory, var opsSessions])
{
    return OperationsTable.Run(column, opsDirectory, int.Parse(opsSessions));
}

if (args is ["typed-append-cost", .. var typedArgs])
{
    return SessionStore.Benchmarks.Typed.TypedAppendCost.Run(typedArgs);
}

if (args is ["agent-turn-cost", .. var turnArgs])
{
    return await SessionStore.Benchmarks.Agents.AgentTurnCost.RunAsync(turnArgs);
}

if (args is ["syscall-loop", var phase, var operation, var loopDirectory, var count])
{
    return SessionStore.Benchmarks.Syscalls.SyscallLoop.Run(phase, operation, loopDirectory, int.Parse(count));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
