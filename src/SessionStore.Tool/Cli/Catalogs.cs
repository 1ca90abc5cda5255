namespace SessionStore.Tool.Cli;

/// <summary>The one way the tool changes caller metadata: through the store's catalog, with a missing session exit 3 and a bad value a usage error.</summary>
internal static class Catalogs
{
    internal static SessionMetadata Update(ToolStore store, string command, string id, SessionMetadataChange change)
    {
        ISessionCatalog catalog = store.RequireCatalog(command);
        try
        {
            change.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ToolException(ExitCodes.Usage, ex.Message);
        }

        bool changes = change.Title is not null || change.AddTags.Count > 0 || change.RemoveTags.Count > 0 || change.Owner is not null || change.Agent is not null || change.Fields.Count > 0;
        if (!changes)
        {
            return catalog.GetMetadata(id) ?? throw store.NotFound(id);
        }

        try
        {
            return catalog.UpdateMetadata(id, change);
        }
        catch (ArgumentException ex) when (ex is not InvalidSessionIdException)
        {
            throw new ToolException(ExitCodes.Usage, ex.Message);
        }
    }
}
