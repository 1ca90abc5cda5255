using System.Runtime.Versioning;

// The directory store runs on Linux only (docs/reliability.md), and so do its tests: they set file
// modes, mount, and drop to other users.
[assembly: SupportedOSPlatform("linux")]
