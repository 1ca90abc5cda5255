using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace SessionStore.Agents;

/// <summary>
/// A conversation as a session: its id, every <see cref="ChatMessage"/> of it oldest first (with all their
/// <see cref="AIContent"/>s and additional properties), and the token totals of the calls that produced them.
/// </summary>
/// <remarks>
/// Stored through <see cref="AgentJson.ChatConversation"/> (MEAI's <see cref="AIJsonUtilities.DefaultOptions"/>
/// chained with this library's source-generated context), so it round-trips trimmed and under NativeAOT.
/// The transcript is never reduced on disk: reducers only shape what is sent to the model.
/// </remarks>
public sealed class ChatConversation
{
    /// <summary>Creates an empty conversation.</summary>
    /// <param name="id">The conversation's id; see <see cref="SessionIdRules"/>.</param>
    public ChatConversation(string id)
    {
        Id = id;
    }

    /// <summary>The conversation's id (the store's session id).</summary>
    [SessionId]
    [JsonPropertyName("id")]
    public string Id { get; }

    /// <summary>The messages, oldest first.</summary>
    [JsonPropertyName("messages")]
    public List<ChatMessage> Messages { get; init; } = [];

    /// <summary>
    /// How many messages the conversation holds, kept by this library's writers so that a turn can tell, without
    /// reading the messages, whether the conversation moved on since an agent session saw it (a branch point, see
    /// <see cref="SessionStoreChatHistoryProvider"/>); <see langword="null"/> when unknown (written by an earlier
    /// version, or by hand): the next turn of a branch then reads the conversation once to learn it.
    /// </summary>
    /// <remarks>Code that replaces <see cref="Messages"/> itself sets this to their number, or to <see langword="null"/>.</remarks>
    [JsonPropertyName("messageCount")]
    public int? MessageCount { get; set; }

    /// <summary>
    /// The sum of the usage reported for this conversation (<see cref="UsageDetails.Add(UsageDetails)"/>),
    /// or <see langword="null"/> when nothing reported any.
    /// </summary>
    [JsonPropertyName("usage")]
    public UsageDetails? Usage { get; set; }

    /// <summary>When the first turn was stored.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the last turn was stored.</summary>
    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The id the application gave the conversation (MEAI's <see cref="ChatOptions.ConversationId"/>, a provider's
    /// conversation id) when that is not a valid session id (an e-mail address, a path-like id) and <see cref="Id"/> is
    /// the stable hash it maps to; <see langword="null"/> when <see cref="Id"/> is the application's id itself.
    /// </summary>
    [JsonPropertyName("conversationId")]
    public string? ConversationId { get; set; }

    /// <summary>
    /// A short title for pickers and listings: set by this library's writers, on the first turn that has one, to the first
    /// line of the first user message (at most 100 characters); set your own with an update at any time. <see langword="null"/>
    /// until then.
    /// </summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>
    /// The store id of the conversation this one was copied from when an agent session's branch moved off it (see
    /// <see cref="SessionStoreChatHistoryProvider"/>); <see langword="null"/> for an original. Deleting an agent session
    /// deletes the conversations its copies came from too.
    /// </summary>
    [JsonPropertyName("forkedFrom")]
    public string? ForkedFrom { get; set; }

    /// <summary>Anything else the application keeps with the conversation.</summary>
    [JsonPropertyName("additionalProperties")]
    public AdditionalPropertiesDictionary? AdditionalProperties { get; set; }

    /// <summary>Checks what every store requires of a conversation: a valid id and no <see langword="null"/> message.</summary>
    /// <exception cref="ArgumentException">The conversation breaks one of these rules (an <see cref="InvalidSessionIdException"/> for the id).</exception>
    public void Validate()
    {
        if (!SessionIdRules.IsValid(Id))
        {
            throw new InvalidSessionIdException(Id, "conversation");
        }

        if (Messages is null)
        {
            throw new ArgumentException($"Conversation '{Id}' has no message list.", "conversation");
        }

        if (MessageCount is < 0)
        {
            throw new ArgumentException($"Conversation '{Id}' has a negative message count.", "conversation");
        }

        for (int i = 0; i < Messages.Count; i++)
        {
            if (Messages[i] is null)
            {
                throw new ArgumentException($"Message {i} of conversation '{Id}' is null.", "conversation");
            }
        }
    }
}
