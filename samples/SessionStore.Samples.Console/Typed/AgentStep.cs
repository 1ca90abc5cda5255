namespace SessionStore.Samples.Console.Typed;

/// <summary>One step of an agent: a tool it called and what came back.</summary>
public sealed record AgentStep(string Tool, string Result);
