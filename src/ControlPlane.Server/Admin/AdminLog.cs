using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Admin;

/// <summary>The admin API's structured log messages (event ids 800-899).</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Runner {RunnerId} drain set to {Draining} by an operator")]
    public static partial void DrainSet(ILogger logger, long runnerId, bool draining);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "Runner {RunnerId} removed")]
    public static partial void RunnerRemoved(ILogger logger, long runnerId);
}
