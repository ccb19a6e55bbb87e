using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Api;
using ControlPlane.Server.Auth;
using ControlPlane.Server.Scheduling.Runners;
using Grpc.Core;

namespace ControlPlane.Server.Runners;

/// <summary>The table of the runner protocol's errors and their gRPC statuses, applied by <see cref="ErrorInterceptor"/> to RunnerService calls.</summary>
internal static class RunnerErrors
{
    /// <returns>The status for <paramref name="error"/>, or null when it is not one of ours (it then surfaces as UNKNOWN).</returns>
    public static RpcException? ToRpcException(Exception error)
    {
        if (error is AuthThrottledException throttled)
        {
            return ApiErrors.Throttled(throttled);
        }

        // A failed store (disk full, I/O error): nothing was recorded; the agent reconnects and resends, and keeps its
        // attempts running, since the server decides nothing (and so gives no lease away) until it can write again.
        if (error is StoreUnwritableException unwritable)
        {
            return ApiErrors.StoreUnwritable(unwritable, $"{unwritable.Message}; the report was not recorded: reconnect and resend");
        }

        var status = error switch
        {
            RunnerAuthenticationException => new Status(StatusCode.Unauthenticated, error.Message),
            InvalidRunnerFieldException or RunnerProtocolViolationException => new Status(StatusCode.InvalidArgument, error.Message),
            DuplicateRunnerNameException => new Status(StatusCode.AlreadyExists, error.Message),
            RunnerSessionEndedException { Reason: SessionEndReason.RunnerLost } => new Status(StatusCode.FailedPrecondition, error.Message),
            RunnerSessionEndedException { Reason: SessionEndReason.Replaced } => new Status(StatusCode.Aborted, error.Message),
            RunnerSessionEndedException { Reason: SessionEndReason.ServerShutdown } => new Status(StatusCode.Unavailable, error.Message),
            RunnerNotConnectedException => new Status(StatusCode.FailedPrecondition, error.Message),

            StoreException => new Status(StatusCode.Unavailable, $"The server could not record the report; reconnect and resend. ({error.Message})"),
            _ => (Status?)null,
        };
        return status is { } s ? new RpcException(s) : null;
    }
}
