using System.Runtime.Versioning;

// The tests run on Linux only (the store runs everywhere: docs/reliability.md#platforms): they set file
// modes, mount, and drop to other users.
[assembly: SupportedOSPlatform("linux")]
