using Microsoft.Extensions.DependencyInjection;
using SessionStore;
using SessionStore.Agents;

#pragma warning disable IDE0130 // MEAI puts its builder extensions in its own namespace, where `builder.Use...` finds them.
namespace Microsoft.Extensions.AI;
#pragma warning restore IDE0130

/// <summary>Adds <see cref="SessionStoreChatClient"/> to a chat pipeline.</summary>
public static class SessionStoreChatClientBuilderExtensions
{
    /// <summary>
    /// Keeps each conversation named by <see cref="ChatOptions.ConversationId"/> in <paramref name="store"/>:
    /// the stored history is sent with every call, and the request and response are appended after it.
    /// </summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="store">Where the conversations live; <see langword="null"/>: the <see cref="ISessionStore{TSession}"/> of <see cref="ChatConversation"/> registered in the pipeline's services.</param>
    /// <param name="configure">Sets up the client, for example its <see cref="SessionStoreChatClient.ChatReducer"/>.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseSessionStore(this ChatClientBuilder builder, ISessionStore<ChatConversation>? store = null, Action<SessionStoreChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((innerClient, services) =>
        {
            var client = new SessionStoreChatClient(innerClient, store ?? services.GetRequiredService<ISessionStore<ChatConversation>>());
            configure?.Invoke(client);
            return client;
        });
    }
}
