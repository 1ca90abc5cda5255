namespace SessionStore.Postgres.Data;

/// <summary>
/// Which table names a store accepts: plain identifiers (ASCII letters, digits and '_', starting with a
/// letter) short enough that the derived names (<c>_trash</c>, <c>_pins</c>, <c>_rev</c>) stay within
/// PostgreSQL's 63 bytes (a longer name is silently truncated, so two stores could share a table), never
/// a system name (<c>pg_*</c>, <c>information_schema</c>) nor an SQL keyword.
/// </summary>
internal static class TableNames
{
    /// <summary>The longest accepted name: 63 less the longest suffix, <c>_trash</c>.</summary>
    internal const int MaxLength = 63 - 6;

    /// <summary>PostgreSQL's reserved key words and those that cannot name a table (its SQL key words appendix), plus SQL standard reserved ones that it treats as non-reserved.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "bigint",
        "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce", "collate", "collation",
        "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
        "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable",
        "delete", "desc", "distinct", "do", "drop", "else", "end", "except", "exists", "extract", "false", "fetch", "float",
        "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
        "initially", "inner", "inout", "insert", "int", "integer", "intersect", "interval", "into", "is", "isnull", "join",
        "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp", "national", "natural", "nchar",
        "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out",
        "outer", "overlaps", "overlay", "placing", "position", "precision", "primary", "real", "references", "returning",
        "right", "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric",
        "system_user", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true",
        "union", "unique", "update", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window",
        "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi",
        "xmlroot", "xmlserialize", "xmltable",
    };

    /// <summary>Why <paramref name="name"/> cannot name a store's table, or <see langword="null"/> when it can.</summary>
    internal static string? GetViolation(string? name)
    {
        if (name is not { Length: > 0 } || !char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return "it is not a plain name (ASCII letters, digits and '_', starting with a letter)";
        }

        if (name.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters, which leaves no room for its _trash, _pins and _rev names within PostgreSQL's 63";
        }

        if (name.StartsWith("pg_", StringComparison.OrdinalIgnoreCase) || name.Equals("information_schema", StringComparison.OrdinalIgnoreCase))
        {
            return "it is a system name (pg_* and information_schema belong to PostgreSQL)";
        }

        return Keywords.Contains(name) ? "it is an SQL key word" : null;
    }
}
