// A chat app on Microsoft.Extensions.AI whose conversations live in SessionStore, published as NativeAOT.
//   agent-aot <directory> <conversation> <message>   sends one message; the reply says how much history the model got
//   agent-aot <directory> <conversation>             prints the stored conversation, one "role: text" line each
//   agent-aot maf <directory>                        two turns of an Agent Framework ChatClientAgent whose history provider is the store
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SessionStore;
using SessionStore.Agents;
using SessionStore.Samples.Agent;

if (args is ["maf", var mafDirectory])
{
    // One line to adopt in Agent Framework: the agent's history provider is the store.
    var agent = new ChatClientAgent(new EchoChatClient(), new ChatClientAgentOptions { ChatHistoryProvider = AgentStores.Conversations(mafDirectory).AsChatHistoryProvider() });
    AgentSession session = await agent.CreateSessionAsync();
    Console.WriteLine((await agent.RunAsync("hello", session)).Text);
    Console.WriteLine((await agent.RunAsync("again", session)).Text);
    return 0;
}

if (args is not [var directory, var conversation, ..])
{
    Console.Error.WriteLine("usage: agent-aot <directory> <conversation> [message]");
    return 2;
}

FileSessionStore<ChatConversation> store = AgentStores.Conversations(directory);
if (args is [_, _, var message])
{
    // One line to adopt: the history of ChatOptions.ConversationId is loaded, sent, and the turn appended.
    IChatClient client = new ChatClientBuilder(new EchoChatClient()).UseSessionStore(store).Build();
    ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, message)], new ChatOptions { ConversationId = conversation });
    Console.WriteLine(response.Text);
    return 0;
}

foreach (ChatMessage stored in store.Load(conversation).Messages)
{
    Console.WriteLine($"{stored.Role}: {stored.Text}");
}

return 0;
