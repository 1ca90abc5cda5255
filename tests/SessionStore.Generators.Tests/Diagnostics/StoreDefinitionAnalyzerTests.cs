using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SessionStore.Analyzers.Rules;

namespace SessionStore.Generators.Tests.Diagnostics;

/// <summary>Every SSG rule fires where it should and nowhere else; the generator emits nothing for what they flag.</summary>
public sealed class StoreDefinitionAnalyzerTests
{
    private const string Preamble = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using SessionStore;

        public sealed record ChatSession([property: SessionId] string Id, IReadOnlyList<string> Turns);
        public sealed record NoId(string Id);
        public sealed record TwoIds([property: SessionId] string Id, [property: SessionId] string Other);
        public sealed record IntId([property: SessionId] int Id);
        public sealed class WriteOnlyId { [SessionId] public string Id { set { } } }
        public class BaseSession { [SessionId] public string Id { get; set; } = ""; }
        public sealed class DerivedSession : BaseSession { public int Count { get; set; } }

        // Hand-written so the tests need no JSON source generator; the analyzer reads only the attributes.
        [JsonSerializable(typeof(ChatSession))]
        [JsonSerializable(typeof(NoId))]
        [JsonSerializable(typeof(TwoIds))]
        [JsonSerializable(typeof(IntId))]
        [JsonSerializable(typeof(WriteOnlyId))]
        [JsonSerializable(typeof(DerivedSession))]
        public class AppJsonContext : JsonSerializerContext
        {
            public AppJsonContext() : base(null) { }
            public static AppJsonContext Default { get; } = new();
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        public class NotAContext { }
        public class Unrelated { }
        public sealed record Unregistered([property: SessionId] string Id);

        """;

    [Theory]
    [InlineData("SSG0001", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext))] public class {|SSG0001:Store|} { }")]
    [InlineData("SSG0001", "public class Outer { [SessionStore(typeof(ChatSession), typeof(AppJsonContext))] public partial class {|SSG0001:Store|} { } }")]
    [InlineData("SSG0002", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext))] public partial class {|SSG0002:Store|} : Unrelated { }")]
    [InlineData("SSG0003", "[{|SSG0003:SessionStore(typeof(NoId), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("SSG0004", "[{|SSG0004:SessionStore(typeof(TwoIds), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("SSG0005", "[SessionStore(typeof(IntId), typeof(AppJsonContext))] public partial class Store { }")]
    [InlineData("SSG0005", "[SessionStore(typeof(WriteOnlyId), typeof(AppJsonContext))] public partial class Store { }")]
    [InlineData("SSG0006", "[{|SSG0006:SessionStore(typeof(ChatSession), typeof(NotAContext))|}] public partial class Store { }")]
    [InlineData("SSG0007", "[{|SSG0007:SessionStore(typeof(Unregistered), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("SSG0008", "[{|SSG0008:SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 3)|}] public partial class Store { [SessionMigration(2)] static void From2(JsonObject s) { } }")]
    [InlineData("SSG0009", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static void A(JsonObject s) { } [SessionMigration(1)] static void {|SSG0009:B|}(JsonObject s) { } }")]
    [InlineData("SSG0010", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static void A(JsonObject s) { } [SessionMigration(2)] static void {|SSG0010:B|}(JsonObject s) { } }")]
    [InlineData("SSG0010", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext))] public partial class Store { [SessionMigration(0)] static void {|SSG0010:A|}(JsonObject s) { } }")]
    [InlineData("SSG0011", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] void {|SSG0011:A|}(JsonObject s) { } }")]
    [InlineData("SSG0011", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static int {|SSG0011:A|}(JsonObject s) => 0; }")]
    [InlineData("SSG0011", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static void {|SSG0011:A|}(JsonNode s) { } }")]
    [InlineData("SSG0011", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static void {|SSG0011:A|}(ref JsonObject s) { } }")]
    [InlineData("SSG0012", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 0)] public partial class {|SSG0012:Store|} { }")]
    [InlineData("SSG0013", "[SessionStore(typeof(ChatSession), typeof(AppJsonContext))] public partial class {|SSG0013:Store|}<T> { }")]
    public async Task Fires(string id, string source)
    {
        string markup = source;
        var test = CreateTest(markup);
        if (id == "SSG0005") // the property is in the preamble: its location is given here
        {
            string type = source.Contains("IntId", StringComparison.Ordinal) ? "IntId" : "WriteOnlyId";
            test.ExpectedDiagnostics.Add(new DiagnosticResult(id, DiagnosticSeverity.Error).WithLocation(PropertyLine(type), PropertyColumn(type)).WithArguments(type, "Id"));
        }

        await test.RunAsync();
        Assert.Empty(GenerateFor(markup));
    }

    [Theory]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext))] public partial class Store { }")]
    [InlineData("[SessionStore(typeof(DerivedSession), typeof(AppJsonContext))] internal sealed partial class Store { }")]
    [InlineData("public static partial class Outer { [SessionStore(typeof(ChatSession), typeof(AppJsonContext))] public partial class Store { } }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 3)] public partial class Store { [SessionMigration(2)] static void B(JsonObject s) { } [SessionMigration(1)] private static void A(JsonObject s) { } }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] public static void Up(JsonObject s) { } }")]
    [InlineData("public partial class NotAStore { [SessionMigration(7)] static void Stray(JsonObject s) { } }")]
    public async Task DoesNotFire_AndTheGeneratorEmits(string source)
    {
        await CreateTest(source).RunAsync();
        if (source.Contains("[SessionStore(", StringComparison.Ordinal))
        {
            Assert.Single(GenerateFor(source));
        }
    }

    [Fact]
    public async Task Pragma_SuppressesAGeneratorDiagnostic()
    {
        await CreateTest("#pragma warning disable SSG0001\n[SessionStore(typeof(ChatSession), typeof(AppJsonContext))] public class Store { }").RunAsync();
    }

    private static CSharpAnalyzerTest<StoreDefinitionAnalyzer, DefaultVerifier> CreateTest(string source)
    {
        var test = new CSharpAnalyzerTest<StoreDefinitionAnalyzer, DefaultVerifier>
        {
            TestCode = Preamble + source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(FileSessionStore).Assembly.Location));
        return test;
    }

    private static IEnumerable<string> GenerateFor(string markup)
    {
        string source = System.Text.RegularExpressions.Regex.Replace(markup, @"\{\|SSG\d+:(.*?)\|\}", "$1");
        return TestSupport.GeneratorHarness.Generate(Preamble + source).Keys;
    }

    private static int PropertyLine(string type) =>
        Preamble.Split('\n').Select((line, i) => (line, i)).First(x => x.line.Contains($"record {type}(", StringComparison.Ordinal) || x.line.Contains($"class {type} ", StringComparison.Ordinal)).i + 1;

    private static int PropertyColumn(string type)
    {
        string line = Preamble.Split('\n')[PropertyLine(type) - 1];
        return type == "IntId" ? line.IndexOf("int Id", StringComparison.Ordinal) + 5 : line.IndexOf("string Id", StringComparison.Ordinal) + 8;
    }
}
