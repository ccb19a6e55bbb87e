using CoreLogStream = ControlPlane.Core.Logs.LogStream;
using LogStream = ControlPlane.Contracts.V1.LogStream;

namespace ControlPlane.Server.Api;

/// <summary>Maps log streams to their wire form.</summary>
internal static class LogMessages
{
    public static LogStream ToProto(CoreLogStream stream) => stream switch
    {
        CoreLogStream.Stdout => LogStream.Stdout,
        CoreLogStream.Stderr => LogStream.Stderr,
        CoreLogStream.System => LogStream.System,
        _ => LogStream.Unspecified,
    };
}
