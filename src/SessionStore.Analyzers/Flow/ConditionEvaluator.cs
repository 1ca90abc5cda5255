using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Flow;

/// <summary>
/// Evaluates a filter or a branch condition of a catch clause for the case where the caught exception
/// is a <c>SessionDeleteException</c>: type tests and patterns on the caught variable, null checks,
/// <c>GetType() == typeof(...)</c>, constants and <c>!</c> <c>&amp;&amp;</c> <c>||</c> of those. Anything else
/// (a call, a flag, a property of the exception) is decided at run time.
/// </summary>
internal sealed class ConditionEvaluator
{
    private readonly DeleteFailureType _type;
    private readonly ILocalSymbol? _caught;

    internal ConditionEvaluator(DeleteFailureType type, ILocalSymbol? caught)
    {
        _type = type;
        _caught = caught;
    }

    internal Verdict Evaluate(IOperation? condition)
    {
        switch (condition)
        {
            case null:
                return Verdict.Unknown;
            case { ConstantValue: { HasValue: true, Value: bool constant } }:
                return Verdict.Of(constant);
            case IConversionOperation conversion:
                return Evaluate(conversion.Operand);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Evaluate(not.Operand).Not();
            case IBinaryOperation binary:
                return EvaluateBinary(binary);
            case IIsTypeOperation isType when IsCaught(isType.ValueOperand):
                Verdict tested = _type.Test(isType.TypeOperand);
                return isType.IsNegated ? tested.Not() : tested;
            case IIsPatternOperation isPattern when IsCaught(isPattern.Value):
                return Match(isPattern.Pattern);
            default:
                return Verdict.Unknown;
        }
    }

    /// <summary>Whether the caught exception matches <paramref name="pattern"/>.</summary>
    internal Verdict Match(IPatternOperation pattern) => pattern switch
    {
        IDiscardPatternOperation => Verdict.Of(true),
        ITypePatternOperation type => _type.Test(type.MatchedType),
        IDeclarationPatternOperation { MatchesNull: true } => Verdict.Of(true),
        IDeclarationPatternOperation declaration => _type.Test(declaration.MatchedType),
        IRecursivePatternOperation recursive => MatchRecursive(recursive),
        INegatedPatternOperation negated => Match(negated.Pattern).Not(),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } both => Match(both.LeftPattern).And(Match(both.RightPattern)),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either => Match(either.LeftPattern).Or(Match(either.RightPattern)),
        IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } => Verdict.Of(false),
        _ => Verdict.Unknown,
    };

    /// <summary>Whether <paramref name="operation"/> reads the caught exception's variable.</summary>
    internal bool IsCaught(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return _caught is not null && operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, _caught);
    }

    private Verdict MatchRecursive(IRecursivePatternOperation recursive)
    {
        // `{ }` is a null check; a type with property or positional sub-patterns is known false only by its type.
        Verdict type = recursive.MatchedType is null ? Verdict.Of(true) : _type.Test(recursive.MatchedType);
        bool hasSubpatterns = recursive.PropertySubpatterns.Length > 0 || recursive.DeconstructionSubpatterns.Length > 0;
        return hasSubpatterns && type.Truth == Truth.True ? Verdict.Unknown : type;
    }

    private Verdict EvaluateBinary(IBinaryOperation binary)
    {
        switch (binary.OperatorKind)
        {
            case BinaryOperatorKind.ConditionalAnd:
            case BinaryOperatorKind.And when binary.Type?.SpecialType == SpecialType.System_Boolean:
                return Evaluate(binary.LeftOperand).And(Evaluate(binary.RightOperand));
            case BinaryOperatorKind.ConditionalOr:
            case BinaryOperatorKind.Or when binary.Type?.SpecialType == SpecialType.System_Boolean:
                return Evaluate(binary.LeftOperand).Or(Evaluate(binary.RightOperand));
            case BinaryOperatorKind.Equals:
            case BinaryOperatorKind.NotEquals:
                Verdict equal = EvaluateEquality(binary.LeftOperand, binary.RightOperand);
                return binary.OperatorKind == BinaryOperatorKind.Equals ? equal : equal.Not();
            default:
                return Verdict.Unknown;
        }
    }

    /// <summary><c>e == null</c> (never: it was thrown) and <c>e.GetType() == typeof(T)</c> (its exact type is known).</summary>
    private Verdict EvaluateEquality(IOperation left, IOperation right)
    {
        if (IsCaught(left) && IsNull(right) || IsCaught(right) && IsNull(left))
        {
            return Verdict.Of(false);
        }

        ITypeSymbol? typeOfLeft = ExactTypeTested(left, right);
        ITypeSymbol? typeOfRight = ExactTypeTested(right, left);
        ITypeSymbol? tested = typeOfLeft ?? typeOfRight;
        if (tested is null)
        {
            return Verdict.Unknown;
        }

        bool exact = SymbolEqualityComparer.Default.Equals(tested, _type.Symbol);
        return Verdict.Of(exact, exact);
    }

    /// <summary>The T of <c>typeof(T)</c> when <paramref name="other"/> is <c>e.GetType()</c> on the caught exception.</summary>
    private ITypeSymbol? ExactTypeTested(IOperation typeOf, IOperation other)
    {
        while (typeOf is IConversionOperation conversion)
        {
            typeOf = conversion.Operand;
        }

        while (other is IConversionOperation conversion)
        {
            other = conversion.Operand;
        }

        return typeOf is ITypeOfOperation type &&
            other is IInvocationOperation { TargetMethod.Name: "GetType", Arguments.Length: 0 } getType && IsCaught(getType.Instance)
            ? type.TypeOperand
            : null;
    }

    private static bool IsNull(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation.ConstantValue is { HasValue: true, Value: null };
    }
}
