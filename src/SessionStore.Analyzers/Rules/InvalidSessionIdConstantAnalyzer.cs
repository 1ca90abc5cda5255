using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Rules;

/// <summary>
/// SS0003: a constant given as a session id breaks the id rules, so the code can only ever throw. Ids are
/// found by symbol (<see cref="StoreMembers"/>): every string argument of a store method that is not a
/// revision (<c>Fork</c> takes two), the id parameter of a session record's constructor, and any
/// assignment to a session-id property (<c>StoredSession.SessionId</c>, a <c>[SessionId]</c> property),
/// including object and <c>with</c> initializers. The rules are the runtime's own <see cref="SessionIdRules"/>,
/// compiled into this assembly from the same file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidSessionIdConstantAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(SessionStoreDiagnostics.InvalidSessionIdConstant);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols symbols = KnownSymbols.For(start.Compilation);
            if (symbols.Members is { } members)
            {
                start.RegisterOperationAction(c => AnalyzeArgument(c, members, symbols), OperationKind.Argument);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, members, symbols), OperationKind.SimpleAssignment);
            }
        });
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, StoreMembers members, KnownSymbols symbols)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (IsConstantString(argument.Value, out string? id) && argument.Parameter is { } parameter && members.IsSessionIdParameter(parameter))
        {
            Report(context, argument.Value, id, symbols);
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, StoreMembers members, KnownSymbols symbols)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (IsConstantString(assignment.Value, out string? id) &&
            assignment.Target is IPropertyReferenceOperation { Property: { } property } &&
            members.IsSessionIdProperty(property))
        {
            Report(context, assignment.Value, id, symbols);
        }
    }

    /// <summary>The value when it is a compile-time constant string (or null); checked first, it rules out almost every operation cheaply.</summary>
    private static bool IsConstantString(IOperation value, out string? text)
    {
        Optional<object?> constant = value.ConstantValue;
        text = constant.Value as string;
        return constant.HasValue && constant.Value is string or null && value.Type?.SpecialType is SpecialType.System_String or null;
    }

    private static void Report(OperationAnalysisContext context, IOperation value, string? id, KnownSymbols symbols)
    {
        if (SessionIdRules.GetViolation(id) is { } violation)
        {
            string shown = id is null ? "null" : "\"" + Escape(id) + "\"";
            GeneratedCode.Report(context, Diagnostic.Create(
                SessionStoreDiagnostics.InvalidSessionIdConstant, value.Syntax.GetLocation(), shown, violation), symbols);
        }
    }

    private static string Escape(string id) =>
        id.Length > 40 ? id.Substring(0, 40).Replace("\"", "\\\"") + "…" : id.Replace("\"", "\\\"");
}
