// Compiled with every C# block of README.md and docs/ (Docs/DocsCompileTests.cs): what a block assumes
// without declaring it. The types are in a namespace of their own, so a block's own declarations win.
global using System;
global using System.Collections.Generic;
global using System.IO;
global using System.Linq;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using System.Text.Json.Serialization;
global using System.Threading;
global using System.Threading.Tasks;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using Npgsql;
global using SessionStore;
global using SessionStore.Postgres;
global using DocsPrelude;
global using static DocsPrelude.Given;

namespace DocsPrelude
{
    /// <summary>The variables the blocks use as if they were in scope.</summary>
    public static class Given
    {
        public static readonly IServiceCollection services = new ServiceCollection();
        public static readonly string connectionString = "Host=db;Username=app;Database=app";
        public static readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
        public static readonly ILogger logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }
}
