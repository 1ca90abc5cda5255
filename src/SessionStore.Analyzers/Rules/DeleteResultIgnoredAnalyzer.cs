using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Rules;

/// <summary>
/// SS0001: the bool (or task of bool) that a store's Delete/DeleteAsync returns is dropped. Looks
/// through <c>?.</c>, <c>await</c> and <c>ConfigureAwait</c>/<c>AsTask</c>, and sees void-returning
/// lambdas and expression-bodied members (their bodies are expression statements in the operation tree).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeleteResultIgnoredAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(SessionStoreDiagnostics.DeleteResultIgnored);

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
                start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, StoreSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.IsStoreDelete(invocation.TargetMethod))
        {
            return;
        }

        IOperation outermost = OutermostResultCarrier(invocation);
        if (outermost.Parent is IExpressionStatementOperation)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                SessionStoreDiagnostics.DeleteResultIgnored, outermost.Syntax.GetLocation(), invocation.Syntax.ToString()));
        }
    }

    /// <summary>The expression that carries the delete's result to its consumer, past ?., await and task adapters.</summary>
    internal static IOperation OutermostResultCarrier(IInvocationOperation delete)
    {
        IOperation current = delete;
        while (true)
        {
            IOperation? parent = current.Parent;
            switch (parent)
            {
                case IConditionalAccessOperation conditional when conditional.WhenNotNull == current:
                case IAwaitOperation:
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask" } adapter when adapter.Instance == current:
                case IConversionOperation { IsImplicit: true }:
                    current = parent;
                    break;
                default:
                    return current;
            }
        }
    }
}
