using ControlPlane.Contracts.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace ControlPlane.Cli.Api;

/// <summary>
/// The one place where gRPC failures become what the operator reads and the exit code. INVALID_ARGUMENT shows
/// its diagnostics one per line (from the WorkflowDiagnostics detail when the server sent one, else from the message).
/// </summary>
internal static class RpcErrors
{
    /// <summary>The <see cref="CliException"/> for a failed call to <paramref name="server"/>.</summary>
    public static CliException Translate(RpcException error, string server)
    {
        var message = error.Status.Detail;
        return error.StatusCode switch
        {
            StatusCode.Unavailable => new CliException(ExitCodes.Unavailable, $"cannot reach the server at {server}: {Unreachable(error)}", null, error),
            StatusCode.DeadlineExceeded => new CliException(ExitCodes.Unavailable, $"the server at {server} did not answer in time", null, error),
            StatusCode.Unauthenticated => new CliException(ExitCodes.Unavailable, $"the server refused the credentials ({Brief(message)}); pass --token or set CP_TOKEN", null, error),
            StatusCode.PermissionDenied => new CliException(ExitCodes.Unavailable, $"permission denied: {Brief(message)}", null, error),
            StatusCode.InvalidArgument => Invalid(error),
            StatusCode.Unimplemented => new CliException(ExitCodes.Failed, $"the server at {server} does not support this request yet (UNIMPLEMENTED: {Brief(message)})", null, error),
            StatusCode.NotFound or StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.OutOfRange =>
                new CliException(ExitCodes.Failed, Brief(message), null, error),
            _ => new CliException(ExitCodes.Failed, $"the server failed the request ({error.StatusCode}): {Brief(message)}", null, error),
        };
    }

    private static CliException Invalid(RpcException error)
    {
        var lines = error.Status.Detail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var headline = lines.Length > 0 ? lines[0].TrimEnd(':') : "invalid request";
        var diagnostics = StructuredDiagnostics(error) ?? lines.Skip(1).ToList();
        return new CliException(ExitCodes.Failed, headline, diagnostics, error);
    }

    /// <summary>The diagnostic lines of the WorkflowDiagnostics detail, or null when the server sent none.</summary>
    private static List<string>? StructuredDiagnostics(RpcException error)
    {
        try
        {
            // grpc-status-details-bin, read by Grpc.StatusProto.
            var status = error.GetRpcStatus();
            if (status?.GetDetail<WorkflowDiagnostics>() is { } diagnostics)
            {
                return diagnostics.Diagnostics.Select(d => d.Text).ToList();
            }

            var badRequest = status?.GetDetail<BadRequest>();
            return badRequest?.FieldViolations.Count > 1 ? badRequest.FieldViolations.Select(v => $"{v.Field}: {v.Description}").ToList() : null;
        }
        catch (InvalidProtocolBufferException)
        {
            // Details we cannot read are not worth failing over; the message still says what is wrong.
            return null;
        }
    }

    /// <summary>
    /// Why the server could not be reached: grpc-dotnet's message ("Error connecting to subchannel.") and, when the
    /// transport failed, its cause, e.g. "Connection refused (127.0.0.1:9)".
    /// </summary>
    private static string Unreachable(RpcException error)
    {
        var brief = Brief(error.Status.Detail);
        var cause = error.Status.DebugException?.GetBaseException().Message;
        return string.IsNullOrWhiteSpace(cause) || brief.Contains(cause, StringComparison.Ordinal) ? brief : $"{brief.TrimEnd('.')}: {Brief(cause)}";
    }

    /// <summary>The first line, without the inner-exception chain a transport error appends.</summary>
    private static string Brief(string message)
    {
        var line = message.Split('\n')[0];
        var inner = line.IndexOf(" ---> ", StringComparison.Ordinal);
        return (inner > 0 ? line[..inner] : line).Trim();
    }
}
