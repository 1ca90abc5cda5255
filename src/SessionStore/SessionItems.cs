using System.Text.Json.Serialization.Metadata;

namespace SessionStore;

/// <summary>Helpers for declaring a session type's growing list (<see cref="SessionItems{TSession, TItem}"/>).</summary>
public static class SessionItems
{
    /// <summary>
    /// The JSON name of the property named <paramref name="propertyName"/> in C#: its <c>[JsonPropertyName]</c>,
    /// or its name under the metadata's naming policy.
    /// </summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="typeInfo">The session type's JSON metadata.</param>
    /// <param name="propertyName">The property's C# name.</param>
    /// <returns>The name in the JSON.</returns>
    /// <exception cref="ArgumentException">The metadata has no such property.</exception>
    public static string JsonNameOf<TSession>(JsonTypeInfo<TSession> typeInfo, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentException.ThrowIfNullOrEmpty(propertyName);
        foreach (JsonPropertyInfo property in typeInfo.Properties)
        {
            if (property.AttributeProvider is System.Reflection.MemberInfo { Name: var name } && string.Equals(name, propertyName, StringComparison.Ordinal))
            {
                return property.Name;
            }
        }

        string converted = typeInfo.Options.PropertyNamingPolicy?.ConvertName(propertyName) ?? propertyName;
        return typeInfo.Properties.Any(p => string.Equals(p.Name, converted, StringComparison.Ordinal))
            ? converted
            : throw new ArgumentException($"{typeof(TSession).Name} has no JSON property for '{propertyName}'.", nameof(propertyName));
    }
}
