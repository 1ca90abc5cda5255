using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Rules;

/// <summary>
/// SS0002: a catch clause of a try whose block deletes a session catches <c>IOException</c>, a base of
/// it, or everything, with no earlier clause for <c>SessionDeleteException</c>, no <c>when</c> filter
/// and no rethrow. Deletes inside lambdas or local functions count only when the block calls them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CatchSwallowsDeleteFailureAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Set on the diagnostic when every call in the try block that can throw is a store delete, so narrowing the catch is safe.</summary>
    internal const string OnlyDeletesThrowKey = "OnlyDeletesThrow";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(SessionStoreDiagnostics.CatchSwallowsDeleteFailure);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            StoreSymbols? symbols = StoreSymbols.TryCreate(start.Compilation);
            if (symbols?.SessionDeleteException is not null && symbols.IOException is not null)
            {
                start.RegisterOperationAction(c => AnalyzeTry(c, symbols), OperationKind.Try);
            }
        });
    }

    private static void AnalyzeTry(OperationAnalysisContext context, StoreSymbols symbols)
    {
        var tryOperation = (ITryOperation)context.Operation;
        ICatchClauseOperation? swallowing = FirstClauseThatSwallows(tryOperation, symbols.SessionDeleteException!);
        if (swallowing is null)
        {
            return;
        }

        // The clause decides; the try block is scanned only when a clause could swallow something.
        var scan = new TryBlockScan(symbols, tryOperation);
        if (scan.FirstDelete is null)
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = scan.OnlyDeletesThrow
            ? ImmutableDictionary<string, string?>.Empty.Add(OnlyDeletesThrowKey, "true")
            : ImmutableDictionary<string, string?>.Empty;
        ITypeSymbol caught = swallowing.ExceptionType;
        context.ReportDiagnostic(Diagnostic.Create(
            SessionStoreDiagnostics.CatchSwallowsDeleteFailure,
            CatchHeaderLocation(swallowing),
            properties,
            caught.SpecialType == SpecialType.System_Object ? "everything" : caught.Name,
            scan.FirstDelete.Syntax.ToString()));
    }

    /// <summary>
    /// The first unfiltered clause that can catch a SessionDeleteException is the only one that ever
    /// will: it swallows it unless it is that exact type or rethrows. Filtered clauses decide at run time.
    /// </summary>
    private static ICatchClauseOperation? FirstClauseThatSwallows(ITryOperation tryOperation, INamedTypeSymbol sessionDeleteException)
    {
        foreach (ICatchClauseOperation clause in tryOperation.Catches)
        {
            if (clause.Filter is not null || !Catches(clause.ExceptionType, sessionDeleteException))
            {
                continue;
            }

            bool swallows = !SymbolEqualityComparer.Default.Equals(clause.ExceptionType, sessionDeleteException) && !Rethrows(clause);
            return swallows ? clause : null;
        }

        return null;
    }

    /// <summary>Whether the clause's type is SessionDeleteException or a base of it (IOException, SystemException, Exception), or it is a bare catch.</summary>
    private static bool Catches(ITypeSymbol caught, INamedTypeSymbol sessionDeleteException) =>
        caught.SpecialType == SpecialType.System_Object || InheritsFromOrEquals(sessionDeleteException, caught);

    private static bool InheritsFromOrEquals(ITypeSymbol type, ITypeSymbol candidateBase)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, candidateBase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>throw;</c>, <c>throw ex;</c> or a throw whose new exception is built from the caught one.</summary>
    private static bool Rethrows(ICatchClauseOperation clause)
    {
        ILocalSymbol? caughtLocal = clause.Locals.FirstOrDefault();
        foreach (IOperation operation in OperationsOutsideNestedFunctions(clause.Handler))
        {
            if (operation is not IThrowOperation thrown)
            {
                continue;
            }

            if (thrown.Exception is null)
            {
                return true;
            }

            if (caughtLocal is not null && thrown.Exception.DescendantsAndSelf().OfType<ILocalReferenceOperation>()
                    .Any(reference => SymbolEqualityComparer.Default.Equals(reference.Local, caughtLocal)))
            {
                return true;
            }
        }

        return false;
    }

    private static Location CatchHeaderLocation(ICatchClauseOperation clause)
    {
        var syntax = (Microsoft.CodeAnalysis.CSharp.Syntax.CatchClauseSyntax)clause.Syntax;
        return syntax.Declaration is { } declaration
            ? Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, declaration.Span.End))
            : syntax.CatchKeyword.GetLocation();
    }

    /// <summary>The operations of a block in source order, not descending into lambdas, anonymous methods or local functions.</summary>
    internal static IEnumerable<IOperation> OperationsOutsideNestedFunctions(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            yield return current;
            // Children pushed last to first, so operations come out in source order.
            foreach (IOperation child in current.ChildOperations.Reverse())
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>What a try block calls: its first store delete (following local functions it calls) and whether anything else can throw.</summary>
    private sealed class TryBlockScan
    {
        private readonly StoreSymbols _symbols;
        private readonly IOperation _root;
        private readonly HashSet<IMethodSymbol> _visitedLocalFunctions = new(SymbolEqualityComparer.Default);

        internal TryBlockScan(StoreSymbols symbols, ITryOperation tryOperation)
        {
            _symbols = symbols;
            _root = RootOf(tryOperation);
            OnlyDeletesThrow = true;
            Scan(tryOperation.Body);
        }

        internal IInvocationOperation? FirstDelete { get; private set; }

        internal bool OnlyDeletesThrow { get; private set; }

        private void Scan(IOperation block)
        {
            foreach (IOperation operation in OperationsOutsideNestedFunctions(block))
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when _symbols.IsStoreDelete(invocation.TargetMethod):
                        FirstDelete ??= invocation;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask", Instance: IInvocationOperation inner }
                        when _symbols.IsStoreDelete(inner.TargetMethod):
                        break;
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } call:
                        OnlyDeletesThrow = false;
                        if (_visitedLocalFunctions.Add(call.TargetMethod.OriginalDefinition) && FindLocalFunction(call.TargetMethod) is { } body)
                        {
                            Scan(body);
                        }

                        break;
                    case IInvocationOperation or IObjectCreationOperation or IDynamicInvocationOperation or IThrowOperation:
                        OnlyDeletesThrow = false;
                        break;
                }
            }
        }

        private IOperation? FindLocalFunction(IMethodSymbol localFunction) =>
            _root.Descendants().OfType<ILocalFunctionOperation>()
                .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.Symbol, localFunction.OriginalDefinition))?.Body;

        private static IOperation RootOf(IOperation operation)
        {
            while (operation.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }
    }
}
