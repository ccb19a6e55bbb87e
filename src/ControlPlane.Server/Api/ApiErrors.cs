using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Auth;
using ControlPlane.Server.Queries;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Scheduling.Runs;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using RpcStatus = Grpc.Core.Status;
using WorkflowDiagnostics = ControlPlane.Contracts.V1.WorkflowDiagnostics;

namespace ControlPlane.Server.Api;

/// <summary>
/// The table of the operator API's domain errors and their gRPC statuses, applied to every call by
/// <see cref="ErrorInterceptor"/>. Invalid workflows and requests get INVALID_ARGUMENT with
/// one line per problem in the message and, in the <c>grpc-status-details-bin</c> trailer, a google.rpc.Status
/// carrying a google.rpc.BadRequest and a controlplane.v1.WorkflowDiagnostics. A database that cannot be written (disk
/// full, read-only mount, I/O error) is UNAVAILABLE: nothing was recorded, and the same call works again once the
/// cause is fixed. Anything not listed here is left to
/// grpc-dotnet (which logs it and answers UNKNOWN without details).
/// </summary>
public static class ApiErrors
{
    /// <summary>The standard trailer for a serialized google.rpc.Status.</summary>
    public const string StatusDetailsTrailer = "grpc-status-details-bin";

    /// <summary>The google.rpc.ErrorInfo domain of the reasons below.</summary>
    public const string ErrorDomain = "controlplane.v1";

    /// <summary>
    /// ErrorInfo reason of an UNAVAILABLE whose cause is a database that cannot be written: nothing was recorded, and
    /// the server decides nothing until writes work again (see runner.proto). Agents keep their attempts running.
    /// </summary>
    public const string StoreUnwritableReason = "STORE_UNWRITABLE";

    /// <summary>The status for a domain error, or null for an exception that is not one.</summary>
    public static RpcException? ToRpcException(Exception exception) => exception switch
    {
        WorkflowValidationException invalid => Invalid(DescribeDiagnostics(invalid.Diagnostics), invalid.Diagnostics),
        ApiArgumentException argument => InvalidArgument(argument),
        WorkflowNotFoundException or EntityNotFoundException => Plain(StatusCode.NotFound, exception.Message),
        LogRemovedException => Plain(StatusCode.NotFound, exception.Message),
        IdempotencyKeyConflictException => Plain(StatusCode.AlreadyExists, exception.Message),
        StateConflictException or IllegalTransitionException or RunnerBusyException or RunNotRetryableException => Plain(StatusCode.FailedPrecondition, exception.Message),
        ApiAuthenticationException => Plain(StatusCode.Unauthenticated, exception.Message),
        ApiPermissionException => Plain(StatusCode.PermissionDenied, exception.Message),
        AuthThrottledException throttled => Throttled(throttled),
        ServerStoppingException => Plain(StatusCode.Unavailable, exception.Message),
        StoreUnwritableException unwritable => StoreUnwritable(unwritable, unwritable.Message),
        _ => null,
    };

    /// <summary>"the workflow has 2 errors:" and one compiler-style line per diagnostic, errors and warnings.</summary>
    public static string DescribeDiagnostics(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var header = errors == 1 ? "the workflow has 1 error" : $"the workflow has {errors} errors";
        return diagnostics.Count == 0 ? "the workflow is invalid" : header + ":\n" + string.Join("\n", diagnostics);
    }

    private static RpcException Plain(StatusCode code, string message) => new(new RpcStatus(code, message));

    /// <summary>RESOURCE_EXHAUSTED with a google.rpc.RetryInfo saying when the window ends.</summary>
    public static RpcException Throttled(AuthThrottledException throttled)
    {
        ArgumentNullException.ThrowIfNull(throttled);
        var retry = new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(throttled.RetryAfterSeconds)) };
        return WithDetails(StatusCode.ResourceExhausted, throttled.Message, [Any.Pack(retry)]);
    }

    /// <summary>
    /// UNAVAILABLE with <paramref name="message"/> and a google.rpc.ErrorInfo (reason STORE_UNWRITABLE, the engine's
    /// cause in its metadata), so a client tells "the database is full" from "the server is unreachable".
    /// </summary>
    public static RpcException StoreUnwritable(StoreUnwritableException unwritable, string message)
    {
        ArgumentNullException.ThrowIfNull(unwritable);
        var info = new ErrorInfo { Reason = StoreUnwritableReason, Domain = ErrorDomain, Metadata = { ["cause"] = unwritable.Cause } };
        return WithDetails(StatusCode.Unavailable, message, [Any.Pack(info)]);
    }

    private static RpcException InvalidArgument(ApiArgumentException argument)
    {
        var violation = new BadRequest.Types.FieldViolation { Field = argument.Field, Description = argument.Problem, Reason = "INVALID_FIELD" };
        return WithDetails(StatusCode.InvalidArgument, argument.Message, [Any.Pack(new BadRequest { FieldViolations = { violation } })]);
    }

    private static RpcException Invalid(string message, IReadOnlyList<Diagnostic> diagnostics)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(diagnostics.Select(d => new BadRequest.Types.FieldViolation
        {
            Field = d.Path,
            Description = d.ToString(),
            Reason = d.Code,
        }));
        var structured = new WorkflowDiagnostics { Diagnostics = { diagnostics.Select(DiagnosticMessages.ToProto) } };
        return WithDetails(StatusCode.InvalidArgument, message, [Any.Pack(badRequest), Any.Pack(structured)]);
    }

    private static RpcException WithDetails(StatusCode code, string message, IEnumerable<Any> details)
    {
        // Grpc.StatusProto puts the serialized google.rpc.Status in the grpc-status-details-bin trailer.
        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { details } }.ToRpcException();
    }
}
