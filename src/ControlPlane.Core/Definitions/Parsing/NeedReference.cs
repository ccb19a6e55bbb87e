using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>One entry of a <c>needs</c> list as written: a step or group id with its position.</summary>
internal sealed record NeedReference(string Id, string Path, SourceLocation Location);
