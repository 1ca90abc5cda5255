using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Rules;

/// <summary>
/// SS0001: the bool (or task of bool) that a store's Delete/DeleteAsync returns is dropped by an
/// expression statement. Looks through <c>?.</c>, <c>await</c>, and the task adapters and sync-over-async
/// waits (<c>ConfigureAwait</c>, <c>AsTask</c>, <c>Preserve</c>, <c>GetAwaiter().GetResult()</c>,
/// <c>Wait(...)</c>, <c>.Result</c>), and sees void-returning lambdas and expression-bodied members (their
/// bodies are expression statements). A lambda converted to an expression tree is data, not code that
/// runs, and is skipped.
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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols symbols = KnownSymbols.For(start.Compilation);
            if (symbols.Members is { } members)
            {
                start.RegisterOperationAction(c => AnalyzeInvocation(c, members, symbols), OperationKind.Invocation);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, StoreMembers members, KnownSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!members.IsDelete(invocation.TargetMethod))
        {
            return;
        }

        IOperation outermost = OutermostResultCarrier(invocation);
        if (outermost.Parent is IExpressionStatementOperation statement && !IsInExpressionTree(statement, symbols))
        {
            GeneratedCode.Report(context, Diagnostic.Create(
                SessionStoreDiagnostics.DeleteResultIgnored, outermost.Syntax.GetLocation(), invocation.Syntax.ToString()), symbols);
        }
    }

    /// <summary>The expression that carries the delete's result to its consumer, past ?., await and task adapters.</summary>
    internal static IOperation OutermostResultCarrier(IInvocationOperation delete)
    {
        IOperation current = delete;
        while (true)
        {
            switch (current.Parent)
            {
                case IConditionalAccessOperation conditional when conditional.WhenNotNull == current:
                case IAwaitOperation:
                case IConversionOperation { IsImplicit: true }:
                case IInvocationOperation adapter when adapter.Instance == current && IsTaskAdapter(adapter.TargetMethod):
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == current && IsTaskType(result.Property.ContainingType):
                    current = current.Parent;
                    break;
                default:
                    return current;
            }
        }
    }

    /// <summary>A member of a task, value task, awaitable or awaiter that passes the result on or waits for it.</summary>
    private static bool IsTaskAdapter(IMethodSymbol method) =>
        method.Name is "ConfigureAwait" or "AsTask" or "Preserve" or "GetAwaiter" or "GetResult" or "Wait" &&
        IsTaskType(method.ContainingType);

    private static bool IsTaskType(INamedTypeSymbol? type)
    {
        INamespaceSymbol? ns = type?.ContainingNamespace;
        return ns is { Name: "Tasks" or "CompilerServices", ContainingNamespace: { Name: "Threading" or "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
    }

    private static bool IsInExpressionTree(IOperation operation, KnownSymbols symbols)
    {
        for (IOperation? current = operation; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function)
            {
                // A lambda converted to a delegate (the usual case) is code; only then is LambdaExpression looked up.
                return function.Parent is { Type: { TypeKind: not TypeKind.Delegate } converted } && KnownSymbols.IsOrDerivesFrom(converted, symbols.LambdaExpression);
            }
        }

        return false;
    }
}
