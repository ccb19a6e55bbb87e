using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Auth;

/// <summary>Authentication's structured log messages (event ids 700-799). Token secrets are never logged.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Unauthenticated call to {Method} from {Peer}: {Reason}")]
    public static partial void Unauthenticated(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Token {TokenId} ({TokenName}, role {Role}) may not call {Method}")]
    public static partial void PermissionDenied(ILogger logger, long tokenId, string tokenName, Core.Auth.ApiTokenRole role, string method);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "No admin token existed: created one and wrote it to {Path} (readable by the owner only)")]
    public static partial void AdminTokenWritten(ILogger logger, string path);

    [LoggerMessage(EventId = 704, Level = LogLevel.Critical, Message = "authentication is DISABLED (--dev): every caller may do everything; never use this on a shared machine")]
    public static partial void DevModeEnabled(ILogger logger);

    [LoggerMessage(EventId = 705, Level = LogLevel.Information, Message = "API token {TokenId} ({TokenName}, role {Role}) created")]
    public static partial void TokenCreated(ILogger logger, long tokenId, string tokenName, Core.Auth.ApiTokenRole role);

    [LoggerMessage(EventId = 706, Level = LogLevel.Information, Message = "API token {TokenId} ({TokenName}) revoked")]
    public static partial void TokenRevoked(ILogger logger, long tokenId, string tokenName);

    [LoggerMessage(EventId = 707, Level = LogLevel.Warning, Message = "Client {Client} failed authentication {Limit} times within {Window}; its attempts are refused for {RetryAfter}")]
    public static partial void ClientThrottled(ILogger logger, string client, int limit, TimeSpan window, TimeSpan retryAfter);
}
