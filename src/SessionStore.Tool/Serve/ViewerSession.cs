namespace SessionStore.Tool.Serve;

/// <summary>One session as the viewer shows it: its JSON as stored (a reference session in the reference format), what kind it is, and its summary.</summary>
internal sealed record ViewerSession(string Id, bool Reference, byte[] Document, SessionSummary Summary);
