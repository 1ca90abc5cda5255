namespace SessionStore.Analyzers.Flow;

/// <summary>What a condition is for a <c>SessionDeleteException</c>: known true, known false, or decided at run time.</summary>
internal enum Truth
{
    Unknown,
    True,
    False,
}
