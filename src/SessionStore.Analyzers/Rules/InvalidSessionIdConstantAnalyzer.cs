using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Rules;

/// <summary>
/// SS0003: a constant passed as a session id (a store member's <c>id</c> parameter, or the id of a new
/// <c>StoredSession</c>) breaks the id rules, so the call can only ever throw. The rules are the
/// runtime's own <see cref="SessionIdRules"/>, compiled into this assembly from the same file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidSessionIdConstantAnalyzer : DiagnosticAnalyzer
{
    private const string IdParameterName = "id";
    private const string StoredSessionIdParameterName = "SessionId";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(SessionStoreDiagnostics.InvalidSessionIdConstant);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            StoreSymbols? symbols = StoreSymbols.TryCreate(start.Compilation);
            if (symbols is not null)
            {
                start.RegisterOperationAction(c => AnalyzeArgument(c, symbols), OperationKind.Argument);
            }
        });
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, StoreSymbols symbols)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter ||
            !IsSessionIdParameter(parameter, symbols))
        {
            return;
        }

        Optional<object?> constant = argument.Value.ConstantValue;
        if (!constant.HasValue || constant.Value is not (string or null))
        {
            return;
        }

        var id = (string?)constant.Value;
        string? violation = SessionIdRules.GetViolation(id);
        if (violation is not null)
        {
            string shown = id is null ? "null" : "\"" + Escape(id) + "\"";
            context.ReportDiagnostic(Diagnostic.Create(
                SessionStoreDiagnostics.InvalidSessionIdConstant, argument.Value.Syntax.GetLocation(), shown, violation));
        }
    }

    private static bool IsSessionIdParameter(IParameterSymbol parameter, StoreSymbols symbols) => parameter.ContainingSymbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor =>
            parameter.Name == StoredSessionIdParameterName &&
            SymbolEqualityComparer.Default.Equals(constructor.ContainingType, symbols.StoredSession),
        IMethodSymbol method => parameter.Name == IdParameterName && symbols.IsStoreMember(method),
        _ => false,
    };

    private static string Escape(string id) =>
        id.Length > 40 ? id.Substring(0, 40).Replace("\"", "\\\"") + "…" : id.Replace("\"", "\\\"");
}
