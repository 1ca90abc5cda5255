using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using SessionStore.Agents.Serialization;

namespace SessionStore.Agents;

/// <summary>
/// The JSON metadata of this library's session types: MEAI's source-generated <see cref="AIJsonUtilities.DefaultOptions"/>
/// (every <see cref="ChatMessage"/> and <see cref="AIContent"/> MEAI ships) chained with this library's own
/// source-generated context. No reflection: works trimmed and under NativeAOT.
/// </summary>
/// <remarks>
/// Custom <see cref="AIContent"/> types are registered the MEAI way, then passed here:
/// <code>
/// var json = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions);
/// json.TypeInfoResolverChain.Add(MyJsonContext.Default);    // metadata for MyContent
/// json.AddAIContentType&lt;MyContent&gt;("myContent");
/// var store = AgentStores.Conversations("chats", jsonOptions: json);
/// </code>
/// Out-of-order metadata is accepted (<see cref="JsonSerializerOptions.AllowOutOfOrderMetadataProperties"/>):
/// PostgreSQL's <c>jsonb</c> reorders properties, which would otherwise move <c>$type</c> away from the front.
/// </remarks>
public static class AgentJson
{
    /// <summary>MEAI's default options chained with this library's context; read-only.</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateOptions(AIJsonUtilities.DefaultOptions);

    /// <summary>The metadata of <see cref="Agents.ChatConversation"/> under <see cref="DefaultOptions"/>.</summary>
    public static JsonTypeInfo<ChatConversation> ChatConversation { get; } = ChatConversationFor(DefaultOptions);

    /// <summary>The metadata of <see cref="Agents.StoredAgentSession"/> under <see cref="DefaultOptions"/>.</summary>
    [Experimental("MAAI001")]
    public static JsonTypeInfo<StoredAgentSession> StoredAgentSession { get; } =
        (JsonTypeInfo<StoredAgentSession>)DefaultOptions.GetTypeInfo(typeof(StoredAgentSession));

    /// <summary>
    /// A read-only copy of <paramref name="options"/> (for example MEAI's defaults with custom content types
    /// registered) with this library's context appended to its resolvers.
    /// </summary>
    /// <param name="options">The options to extend; when they have no resolver, MEAI's defaults are used in front.</param>
    /// <returns>The new options.</returns>
    public static JsonSerializerOptions CreateOptions(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new JsonSerializerOptions(options) { AllowOutOfOrderMetadataProperties = true };
        if (result.TypeInfoResolver is null)
        {
            result.TypeInfoResolverChain.Add(AIJsonUtilities.DefaultOptions.TypeInfoResolver!);
        }

        result.TypeInfoResolverChain.Add(AgentsJsonContext.Default);
        result.MakeReadOnly();
        return result;
    }

    /// <summary>The metadata of <see cref="Agents.ChatConversation"/> under <paramref name="options"/> (extended by <see cref="CreateOptions"/> when they lack it).</summary>
    /// <param name="options">The options, for example MEAI's defaults with custom content types registered.</param>
    /// <returns>The metadata, for a store's constructor.</returns>
    public static JsonTypeInfo<ChatConversation> ChatConversationFor(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!ReferenceEquals(options, DefaultOptions) && !HasOurContext(options))
        {
            options = CreateOptions(options);
        }

        return (JsonTypeInfo<ChatConversation>)options.GetTypeInfo(typeof(ChatConversation));
    }

    /// <summary>
    /// <see cref="Agents.ChatConversation"/> under <paramref name="options"/> as every backend sees it, with its messages
    /// declared as the list that grows per turn: stores built from it append a turn in O(delta)
    /// (<see cref="ISessionAppender{TSession}"/>), and an append to a missing conversation creates it.
    /// </summary>
    /// <param name="options">The options, for example MEAI's defaults with custom content types registered; <see langword="null"/>: <see cref="DefaultOptions"/>.</param>
    /// <returns>The descriptor, for a store's constructor or DI registration.</returns>
    public static SessionDescriptor<ChatConversation> ChatConversationDescriptor(JsonSerializerOptions? options = null)
    {
        JsonTypeInfo<ChatConversation> conversation = options is null ? ChatConversation : ChatConversationFor(options);
        var message = (JsonTypeInfo<ChatMessage>)conversation.Options.GetTypeInfo(typeof(ChatMessage));
        return new SessionDescriptor<ChatConversation>(conversation, static c => c.Id, validate: static c => c.Validate())
            .WithItems(new SessionItems<ChatConversation, ChatMessage>("messages", message, static c => c.Messages, create: static id => new ChatConversation(id) { MessageCount = 0 },
                validateAppend: static (conversation, _) => conversation.Validate())); // the rules hold message by message, and a store never appends a null one
    }

    private static bool HasOurContext(JsonSerializerOptions options) =>
        options.AllowOutOfOrderMetadataProperties && options.TypeInfoResolverChain.Contains(AgentsJsonContext.Default);
}
