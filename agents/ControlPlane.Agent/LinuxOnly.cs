using System.Runtime.Versioning;

// The agent drives Linux process groups, /proc and POSIX file modes; it runs on Linux only.
[assembly: SupportedOSPlatform("linux")]
