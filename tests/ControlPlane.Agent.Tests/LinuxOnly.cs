using System.Runtime.Versioning;

// The agent under test is Linux-only: process groups, /proc and POSIX file modes.
[assembly: SupportedOSPlatform("linux")]
