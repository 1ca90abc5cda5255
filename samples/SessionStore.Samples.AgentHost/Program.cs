// A host's "pick up where you left off": an ASP.NET Core minimal API over an Agent Framework agent whose sessions and
// conversations live in SessionStore, so they survive restarts and every user sees only their own.
//   agent-host --store DIR                                  a directory store (DIR/agent-sessions, DIR/conversations)
//   agent-host --postgres CONNSTRING --tables PREFIX        PostgreSQL tables PREFIX_sessions and PREFIX_conversations
// plus any ASP.NET Core option, e.g. --urls http://127.0.0.1:5080. It prints "listening on URL" once it accepts requests.
//   GET    /users/{user}/conversations        the user's conversations, most recent first, with titles
//   POST   /users/{user}/conversations/{id}   {"text": "..."}: one turn, in a new or a resumed conversation
//   GET    /users/{user}/conversations/{id}   the conversation's messages
//   DELETE /users/{user}/conversations/{id}   the session and its transcript
using SessionStore.Samples.AgentHost;

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, HostJsonContext.Default));
builder.Services.AddSingleton(_ => HostStores.From(builder.Configuration));
builder.Services.AddSingleton<ConversationHost>();

WebApplication app = builder.Build();
RouteGroupBuilder conversations = app.MapGroup("/users/{user}/conversations");
conversations.MapGet("/", (string user, ConversationHost host, CancellationToken cancellationToken) => host.ListAsync(user, cancellationToken));
conversations.MapPost("/{id}", (string user, string id, TurnRequest turn, ConversationHost host, CancellationToken cancellationToken) =>
    host.SendAsync(user, id, turn, cancellationToken));
conversations.MapGet("/{id}", (string user, string id, ConversationHost host, CancellationToken cancellationToken) => host.ReadAsync(user, id, cancellationToken));
conversations.MapDelete("/{id}", (string user, string id, ConversationHost host, CancellationToken cancellationToken) => host.DeleteAsync(user, id, cancellationToken));

await app.StartAsync();
foreach (string address in app.Urls) // after StartAsync: the addresses bound, with the port chosen for :0
{
    Console.WriteLine($"listening on {address}");
}

await app.WaitForShutdownAsync();
