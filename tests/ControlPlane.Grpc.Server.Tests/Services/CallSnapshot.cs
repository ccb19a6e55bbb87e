using Grpc.Core;

namespace ControlPlane.Grpc.Server.Tests.Services;

/// <summary>A call's context as its handler saw it; the context itself is only valid during the call.</summary>
public sealed record CallSnapshot(string Method, string Host, string Peer, DateTime Deadline, Metadata RequestHeaders);
