using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SessionStore.Generators.Tests.TestSupport;

namespace SessionStore.Generators.Tests.Diagnostics;

/// <summary>
/// Every SSG rule fires where it should and nowhere else, reported by the generator on the user's line;
/// for a flagged definition the generator emits nothing, and for every other one it emits code that compiles.
/// </summary>
public sealed class StoreDefinitionDiagnosticsTests
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
        public record struct ValueSession([property: SessionId] string Id);
        internal sealed record InternalSession([property: SessionId] string Id);
        public static class StaticSession { }
        public interface IHasId { string Id { get; } }
        public sealed class ExplicitId : IHasId { [SessionId] string IHasId.Id => ""; }
        public sealed class IndexerId { [SessionId] public string this[int i] => ""; }
        public sealed record Envelope<T>([property: SessionId] string Id, T Body);

        // Hand-written so the tests need no JSON source generator; the generator reads only the attributes and `Default`.
        [JsonSerializable(typeof(ChatSession))]
        [JsonSerializable(typeof(NoId))]
        [JsonSerializable(typeof(TwoIds))]
        [JsonSerializable(typeof(IntId))]
        [JsonSerializable(typeof(WriteOnlyId))]
        [JsonSerializable(typeof(DerivedSession))]
        [JsonSerializable(typeof(ValueSession))]
        [JsonSerializable(typeof(InternalSession))]
        [JsonSerializable(typeof(ExplicitId))]
        [JsonSerializable(typeof(IndexerId))]
        [JsonSerializable(typeof(Envelope<int>))]
        [JsonSerializable(typeof(Turn))]
        [JsonSerializable(typeof(TwoLists))]
        [JsonSerializable(typeof(NotAList))]
        [JsonSerializable(typeof(WriteOnlyList))]
        [JsonSerializable(typeof(UnregisteredItems))]
        [JsonSerializable(typeof(WithTotals))]
        [JsonSerializable(typeof(ArrayItems))]
        [JsonSerializable(typeof(WithCreate))]
        [JsonSerializable(typeof(OverriddenKey))]
        [JsonSerializable(typeof(OverriddenKeyAndAnother))]
        [JsonSerializable(typeof(HiddenKey))]
        [JsonSerializable(typeof(OverriddenItems))]
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
        public sealed record Turn(string Text);
        public sealed record Note(string Text);
        public sealed record TwoLists([property: SessionId] string Id, [property: SessionItems] List<Turn> Turns, [property: SessionItems] List<Note> Notes);
        public sealed record NotAList([property: SessionId] string Id, [property: SessionItems] IEnumerable<Turn> Turns);
        public sealed class WriteOnlyList { [SessionId] public string Id { get; set; } = ""; [SessionItems] public List<Turn> Turns { set { } } }
        public sealed record UnregisteredItems([property: SessionId] string Id, [property: SessionItems] List<Note> Notes);
        public sealed record WithTotals([property: SessionId] string Id, [property: SessionItems(Totals = "Add")] IReadOnlyList<Turn> Turns, long Count);
        public sealed record WithCreate([property: SessionId] string Id, [property: SessionItems(Create = "New")] IReadOnlyList<Turn> Turns);
        public sealed record ArrayItems([property: SessionId] string Id, [property: SessionItems] Turn[] Turns);
        // [SessionId] and [SessionItems] are Inherited = true: an override is still the marked property; a `new` one hides it.
        public abstract record KeyedBase { [SessionId] public virtual string Key { get; init; } = ""; }
        public sealed record OverriddenKey : KeyedBase { public override string Key { get; init; } = ""; }
        public sealed record OverriddenKeyAndAnother : KeyedBase { public override string Key { get; init; } = ""; [SessionId] public string Other { get; init; } = ""; }
        public sealed record HiddenKey : KeyedBase { public new string Key { get; init; } = ""; }
        public abstract record ItemsBase { [SessionId] public virtual string Id { get; init; } = ""; [SessionItems] public virtual List<Turn> Turns { get; init; } = []; }
        public sealed record OverriddenItems : ItemsBase { public override string Id { get; init; } = ""; public override List<Turn> Turns { get; init; } = []; }

        """;

    private const string Attribute = "[SessionStore(typeof(ChatSession), typeof(AppJsonContext))]";

    [Theory]
    [InlineData($"{Attribute} public class {{|SSG0001:Store|}} {{ }}")]
    [InlineData($"public class Outer {{ {Attribute} public partial class {{|SSG0001:Store|}} {{ }} }}")]
    [InlineData($"{Attribute} public partial class {{|SSG0002:Store|}} : Unrelated {{ }}")]
    [InlineData($"{Attribute} public partial class {{|SSG0002:Store|}} : FileSessionStore<NoId> {{ }}")]
    [InlineData("[{|SSG0003:SessionStore(typeof(NoId), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0004:SessionStore(typeof(TwoIds), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0004:SessionStore(typeof(OverriddenKeyAndAnother), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0003:SessionStore(typeof(HiddenKey), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0006:SessionStore(typeof(ChatSession), typeof(NotAContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0007:SessionStore(typeof(Unregistered), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0008:SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 3)|}] public partial class Store { [SessionMigration(2)] static void From2(JsonObject s) { } }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static void A(JsonObject s) { } [SessionMigration(1)] static void {|SSG0009:B|}(JsonObject s) { } }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static void A(JsonObject s) { } [SessionMigration(2)] static void {|SSG0010:B|}(JsonObject s) { } }")]
    [InlineData($"{Attribute} public partial class Store {{ [SessionMigration(0)] static void {{|SSG0010:A|}}(JsonObject s) {{ }} }}")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] void {|SSG0011:A|}(JsonObject s) { } }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static int {|SSG0011:A|}(JsonObject s) => 0; }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static void {|SSG0011:A|}(JsonNode s) { } }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] static void {|SSG0011:A|}(ref JsonObject s) { } }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 0)] public partial class {|SSG0012:Store|} { }")]
    [InlineData($"{Attribute} public partial class {{|SSG0013:Store|}}<T> {{ }}")]
    [InlineData($"public partial class Outer<T> {{ {Attribute} public partial class {{|SSG0013:Store|}} {{ }} }}")]
    [InlineData("[{|SSG0014:SessionStore(typeof(ValueSession), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0014:SessionStore(typeof(int), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0014:SessionStore(typeof(ChatSession[]), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0014:SessionStore(typeof(StaticSession), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0014:SessionStore(typeof(Envelope<>), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0015:SessionStore(typeof(InternalSession), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[{|SSG0015:SessionStore(typeof(Envelope<InternalSession>), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("public partial class Outer { [{|SSG0015:SessionStore(typeof(Outer.Hidden), typeof(AppJsonContext))|}] public partial class Store { } private sealed record Hidden([property: SessionId] string Id); }")]
    [InlineData($"{Attribute} public partial record {{|SSG0016:Store|}} {{ }}")]
    [InlineData($"{Attribute} public static partial class {{|SSG0016:Store|}} {{ }}")]
    [InlineData($"{Attribute} public partial class {{|SSG0017:Store|}} {{ public Store(string directory) {{ }} }}")]
    [InlineData($"{Attribute} public partial class {{|SSG0017:Store|}} {{ public static int Schema => 1; }}")]
    [InlineData($"{Attribute} public partial class {{|SSG0017:Store|}} {{ public static object Descriptor => null!; }}")]
    [InlineData($"{Attribute} public partial class {{|SSG0017:Store|}}(int size) {{ }}")]
    [InlineData($"{Attribute} file partial class {{|SSG0018:Store|}} {{ }}")]
    [InlineData("[{|SSG0018:SessionStore(typeof(Local), typeof(AppJsonContext))|}] public partial class Store { } file sealed record Local([property: SessionId] string Id);")]
    [InlineData("[{|SSG0019:SessionStore(typeof(TwoLists), typeof(AppJsonContext))|}] public partial class Store { }")]
    [InlineData("[SessionStore(typeof(NotAList), typeof(AppJsonContext))] public partial class Store { }", "Turns", "SSG0020")]
    [InlineData("[SessionStore(typeof(WriteOnlyList), typeof(AppJsonContext))] public partial class Store { }", "Turns", "SSG0020")]
    [InlineData("[SessionStore(typeof(UnregisteredItems), typeof(AppJsonContext))] public partial class Store { }", "Notes", "SSG0021")]
    [InlineData("[SessionStore(typeof(WithTotals), typeof(AppJsonContext))] public partial class Store { }", "Turns", "SSG0022")]
    [InlineData("[SessionStore(typeof(WithTotals), typeof(AppJsonContext))] public partial class Store { static void Add(WithTotals s, IReadOnlyList<Turn> t) { } }", "Turns", "SSG0022")]
    [InlineData("[SessionStore(typeof(WithTotals), typeof(AppJsonContext))] public partial class Store { static WithTotals Add(WithTotals s, List<Turn> t) => s; }", "Turns", "SSG0022")]
    [InlineData("[SessionStore(typeof(WithCreate), typeof(AppJsonContext))] public partial class Store { }", "Turns", "SSG0023")]
    [InlineData("[SessionStore(typeof(WithCreate), typeof(AppJsonContext))] public partial class Store { WithCreate New(string id) => new(id, []); }", "Turns", "SSG0023")]
    [InlineData("[SessionStore(typeof(WithCreate), typeof(AppJsonContext))] public partial class Store { static WithCreate New(int id) => new(\"x\", []); }", "Turns", "SSG0023")]
    [InlineData("[SessionStore(typeof(WithCreate), typeof(AppJsonContext))] public partial class Store { static object New(string id) => new WithCreate(id, []); }", "Turns", "SSG0023")]
    [InlineData("[SessionStore(typeof(WithCreate), typeof(AppJsonContext))] public partial class Store { static WithCreate New(string id, int size) => new(id, []); }", "Turns", "SSG0023")]
    [InlineData("[SessionStore(typeof(WithCreate), typeof(AppJsonContext))] public partial class Store { static WithCreate New(ref string id) => new(id, []); }", "Turns", "SSG0023")]
    public void Fires_AndNothingIsGenerated(string source, string? onProperty = null, string? id = null)
    {
        (string clean, IReadOnlyList<(string Id, TextSpan Span)> expected) = DiagnosticMarkup.Parse(Preamble + source);
        if (onProperty is not null)
        {
            // Reported on the marked property of the session type named in the attribute.
            string sessionType = source.Split("typeof(")[1].Split(')')[0];
            string declaration = clean.Split('\n').First(l => l.Contains($"record {sessionType}(", StringComparison.Ordinal) || l.Contains($"class {sessionType} ", StringComparison.Ordinal));
            int lineStart = clean.IndexOf(declaration, StringComparison.Ordinal);
            int at = lineStart + declaration.IndexOf($" {onProperty}", declaration.IndexOf("SessionItems", StringComparison.Ordinal), StringComparison.Ordinal) + 1;
            expected = [(id!, new TextSpan(at, onProperty.Length))];
        }

        CSharpCompilation compilation = GeneratorHarness.Compile(clean);
        var (generator, _, output) = GeneratorHarness.RunAndCompile(compilation);

        Assert.Equal(
            expected.Select(e => $"{e.Id} {e.Span}").Order(),
            generator.Where(d => d.Id.StartsWith("SSG", StringComparison.Ordinal)).Select(d => $"{d.Id} {d.Location.SourceSpan}").Order());
        Assert.All(generator, d => Assert.Equal(compilation.SyntaxTrees.Single(), d.Location.SourceTree));
        Assert.Equal(compilation.SyntaxTrees.Count(), output.SyntaxTrees.Count());
    }

    [Theory]
    [InlineData("IntId", "int Id")]
    [InlineData("WriteOnlyId", "string Id")]
    [InlineData("ExplicitId", "IHasId.Id")]
    [InlineData("IndexerId", "this[")]
    public void SessionIdNotReadable_IsReportedOnTheProperty(string sessionType, string property)
    {
        string source = Preamble + $"[SessionStore(typeof({sessionType}), typeof(AppJsonContext))] public partial class Store {{ }}";
        int line = source.Split('\n').Select((text, i) => (text, i)).First(l => l.text.Contains($" {sessionType}", StringComparison.Ordinal) && l.text.Contains(property, StringComparison.Ordinal)).i;

        var (generator, _, output) = GeneratorHarness.RunAndCompile(GeneratorHarness.Compile(source));

        Diagnostic problem = Assert.Single(generator);
        Assert.Equal("SSG0005", problem.Id);
        Assert.Equal(line, problem.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Single(output.SyntaxTrees);
    }

    [Theory]
    [InlineData($"{Attribute} public partial class Store {{ }}")]
    [InlineData("[SessionStore(typeof(DerivedSession), typeof(AppJsonContext))] internal sealed partial class Store { }")]
    [InlineData($"public static partial class Outer {{ {Attribute} public partial class Store {{ }} }}")]
    [InlineData($"internal static partial class Outer {{ {Attribute} public partial class Store {{ }} }}")]
    [InlineData("internal static partial class Outer { [SessionStore(typeof(InternalSession), typeof(AppJsonContext))] public partial class Store { } }")]
    [InlineData("public partial class Outer { [SessionStore(typeof(Outer.Shown), typeof(Outer.Ctx))] private partial class Store { } private sealed record Shown([property: SessionId] string Id); [System.Text.Json.Serialization.JsonSerializable(typeof(Shown))] private sealed class Ctx : AppJsonContext { } }")]
    [InlineData("[SessionStore(typeof(Envelope<int>), typeof(AppJsonContext))] public partial class Store { }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 3)] public partial class Store { [SessionMigration(2)] static void B(JsonObject s) { } [SessionMigration(1)] private static void A(JsonObject s) { } }")]
    [InlineData("[SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)] public partial class Store { [SessionMigration(1)] public static void Up(JsonObject s) { } }")]
    [InlineData($"{Attribute} public partial class Store : FileSessionStore<ChatSession> {{ }}")]
    [InlineData("[SessionStore(typeof(ArrayItems), typeof(AppJsonContext))] public partial class Store { }")]
    [InlineData("[SessionStore(typeof(OverriddenKey), typeof(AppJsonContext))] public partial class Store { }")]
    [InlineData("[SessionStore(typeof(OverriddenItems), typeof(AppJsonContext))] public partial class Store { }")]
    [InlineData("[SessionStore(typeof(WithTotals), typeof(AppJsonContext))] public partial class Store { private static WithTotals Add(WithTotals s, IReadOnlyList<Turn> t) => s with { Count = s.Count + t.Count }; }")]
    [InlineData("[SessionStore(typeof(WithCreate), typeof(AppJsonContext))] public partial class Store { private static WithCreate New(string id) => new(id, []); }")]
    [InlineData("[SessionStore(typeof(WithCreate), typeof(AppJsonContext))] public partial class Store { internal static WithCreate New(string id) => new(id, []); static WithCreate New(int id) => new(\"x\", []); }")]
    [InlineData($"{Attribute} public partial class Store : IFileSessionStoreFactory<Store> {{ static Store IFileSessionStoreFactory<Store>.Create(string d, FileSessionStoreOptions o) => new(d, o); }}")]
    [InlineData($"{Attribute} public partial class Store {{ public static Store Create(string directory, FileSessionStoreOptions options) => new(directory, options); }}")]
    [InlineData($"{Attribute} public partial class Store {{ public Store(int shards) : this(\"d\" + shards) {{ }} }}")]
    [InlineData($"{Attribute} public abstract partial class Store {{ }}")]
    [InlineData($"{Attribute} public partial class Store : IDisposable {{ public void Dispose() {{ }} }}")]
    [InlineData("public partial class NotAStore { [SessionMigration(7)] static void Stray(JsonObject s) { } }")]
    public void DoesNotFire_AndTheGeneratedCodeCompiles(string source)
    {
        var (generator, compiler, output) = GeneratorHarness.RunAndCompile(GeneratorHarness.Compile(Preamble + source));

        Assert.Empty(generator);
        Assert.Empty(compiler.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(source.Contains("[SessionStore(", StringComparison.Ordinal) ? 2 : 1, output.SyntaxTrees.Count());
    }

    [Fact]
    public void Pragma_SuppressesAGeneratorDiagnostic()
    {
        var (generator, _, _) = GeneratorHarness.RunAndCompile(GeneratorHarness.Compile(
            Preamble + $"#pragma warning disable SSG0001\n{Attribute} public class Store {{ }}"));

        Diagnostic problem = Assert.Single(generator);
        Assert.Equal("SSG0001", problem.Id);
        Assert.True(problem.IsSuppressed);
    }

    [Fact]
    public void TheSeverityCanBeConfigured()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Preamble + $"{Attribute} public class Store {{ }}");
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions([new("SSG0001", ReportDiagnostic.Warn)]));

        var (generator, _, _) = GeneratorHarness.RunAndCompile(compilation);

        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(generator).Severity);
    }

    [Fact]
    public void ACompileErrorElsewhere_DoesNotHideTheDiagnostics()
    {
        var (generator, compiler, _) = GeneratorHarness.RunAndCompile(GeneratorHarness.Compile(
            Preamble + $"{Attribute} public class Store {{ }}\nclass Broken : MissingBase {{ }}"));

        Assert.Contains(compiler, d => d.Id == "CS0246");
        Assert.Equal("SSG0001", Assert.Single(generator).Id);
    }
}
