using System;
using Microsoft.CodeAnalysis.Editing;

namespace SessionStore.Analyzers.CodeFixes;

/// <summary>One offered fix: its title, its equivalence key (for Fix All) and the edit it makes.</summary>
/// <param name="Title">What the user sees.</param>
/// <param name="EquivalenceKey">Groups the same fix across diagnostics.</param>
/// <param name="Apply">The edit, on nodes of the original tree.</param>
internal sealed record FixEdit(string Title, string EquivalenceKey, Action<SyntaxEditor> Apply);
