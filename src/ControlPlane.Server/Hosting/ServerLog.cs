using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Hosting;

/// <summary>The host's structured log messages.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Listening for HTTP (webhooks, metrics) on {Address}")]
    public static partial void ListeningForHttp(ILogger logger, string address);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Serving plain http:// on {Addresses}, reachable from the network: API tokens, registration and runner tokens, step scripts and secrets, logs and outputs travel in cleartext; listen on https:// with --tls-cert/--tls-key, or pass --allow-cleartext if the network is secured otherwise")]
    public static partial void CleartextListeners(ILogger logger, string addresses);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "cp-server {Version} started; data directory {DataDir}")]
    public static partial void Started(ILogger logger, string version, string dataDir);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "{Path} was open to other users (mode {Before}); narrowed to {After}, as everything in the data directory is the owner's only")]
    public static partial void DataDirectoryEntryNarrowed(ILogger logger, string path, string before, string after);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Shutting down; health set to NOT_SERVING")]
    public static partial void ShuttingDown(ILogger logger);
}
