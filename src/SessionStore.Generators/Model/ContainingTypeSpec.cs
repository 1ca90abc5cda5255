using System;

namespace SessionStore.Generators.Model;

/// <summary>A type a store is nested in: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>, ...) and name.</summary>
/// <param name="Keyword">The declaration keyword(s).</param>
/// <param name="Name">The type's name.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name) : IEquatable<ContainingTypeSpec>;
