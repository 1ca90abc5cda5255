namespace SessionStore;

/// <summary>
/// A change to what the caller owns of a session's metadata (<see cref="ISessionCatalog.UpdateMetadata"/>): what is
/// left <see langword="null"/> or empty stays as it is, and an empty string clears.
/// </summary>
/// <example>
/// <code>
/// catalog.UpdateMetadata("s1", new SessionMetadataChange { Title = "Invoice bug", AddTags = ["billing"], Owner = "alice" });
/// </code>
/// </example>
public sealed record SessionMetadataChange
{
    /// <summary>The longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The longest tag, owner or agent name, or field name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest owner or agent.</summary>
    public const int MaxOwnerLength = 256;

    /// <summary>The longest field value.</summary>
    public const int MaxFieldValueLength = 1024;

    /// <summary>The most tags a session can have.</summary>
    public const int MaxTags = 32;

    /// <summary>The most fields a session can have.</summary>
    public const int MaxFields = 16;

    /// <summary>A new title; an empty string goes back to the derived one; <see langword="null"/> keeps it.</summary>
    public string? Title { get; init; }

    /// <summary>Tags to add (each 1 to <see cref="MaxNameLength"/> characters, no white space or control characters).</summary>
    public IReadOnlyList<string> AddTags { get; init; } = [];

    /// <summary>Tags to remove; removing a tag the session does not have is not an error.</summary>
    public IReadOnlyList<string> RemoveTags { get; init; } = [];

    /// <summary>A new owner; an empty string clears it; <see langword="null"/> keeps it.</summary>
    public string? Owner { get; init; }

    /// <summary>A new agent; an empty string clears it; <see langword="null"/> keeps it.</summary>
    public string? Agent { get; init; }

    /// <summary>Fields to set (by name: letters, digits, <c>_</c>, <c>-</c>, <c>.</c>); a <see langword="null"/> or empty value removes the field.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary>Checks every rule a change must keep, before anything is written.</summary>
    /// <exception cref="ArgumentException">A title, tag, owner, agent or field breaks a rule; the message says which.</exception>
    public void Validate()
    {
        CheckText(Title, MaxTitleLength, "title");
        CheckText(Owner, MaxOwnerLength, "owner");
        CheckText(Agent, MaxOwnerLength, "agent");
        foreach (string tag in (AddTags ?? []).Concat(RemoveTags ?? []))
        {
            ArgumentNullException.ThrowIfNull(tag);
            if (tag.Length is 0 or > MaxNameLength || tag.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c)))
            {
                throw new ArgumentException($"the tag '{Printable(tag)}' must be 1 to {MaxNameLength} characters with no white space, control characters or surrogates");
            }
        }

        foreach ((string name, string? value) in Fields ?? new Dictionary<string, string?>())
        {
            if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new ArgumentException($"the field name '{Printable(name)}' must be 1 to {MaxNameLength} ASCII letters, digits, '_', '-' or '.'");
            }

            CheckText(value, MaxFieldValueLength, $"field '{name}'");
        }
    }

    /// <summary>The metadata <paramref name="current"/> becomes with this change: the one rule every backend applies.</summary>
    /// <param name="current">The session's metadata now.</param>
    /// <param name="derivedTitle">The title derived from the session's text, used when the change clears the caller's title.</param>
    /// <returns>The metadata after the change.</returns>
    /// <exception cref="ArgumentException">The change is not valid, or the result would have more than <see cref="MaxTags"/> tags or <see cref="MaxFields"/> fields.</exception>
    public SessionMetadata ApplyTo(SessionMetadata current, string derivedTitle)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(derivedTitle);
        Validate();
        var tags = new SortedSet<string>(current.Tags, StringComparer.Ordinal);
        tags.ExceptWith(RemoveTags ?? []);
        tags.UnionWith(AddTags ?? []);
        if (tags.Count > MaxTags)
        {
            throw new ArgumentException($"a session can have at most {MaxTags} tags");
        }

        var fields = new SortedDictionary<string, string>(current.Fields.ToDictionary(), StringComparer.Ordinal);
        foreach ((string name, string? value) in Fields ?? new Dictionary<string, string?>())
        {
            if (string.IsNullOrEmpty(value))
            {
                fields.Remove(name);
            }
            else
            {
                fields[name] = value;
            }
        }

        if (fields.Count > MaxFields)
        {
            throw new ArgumentException($"a session can have at most {MaxFields} fields");
        }

        return current with
        {
            Title = Title switch { null => current.Title, "" => derivedTitle, _ => Title },
            HasCustomTitle = Title switch { null => current.HasCustomTitle, "" => false, _ => true },
            Tags = [.. tags],
            Owner = Owner switch { null => current.Owner, "" => null, _ => Owner },
            Agent = Agent switch { null => current.Agent, "" => null, _ => Agent },
            Fields = new Dictionary<string, string>(fields, StringComparer.Ordinal),
        };
    }

    private static void CheckText(string? value, int maxLength, string what)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"the {what} is longer than {maxLength} characters");
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsControl(c))
            {
                throw new ArgumentException($"the {what} holds a control character (U+{(int)c:X4}) at {i}");
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException($"the {what} holds a lone surrogate at {i}, which cannot be stored without losing it");
            }
        }
    }

    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
}
