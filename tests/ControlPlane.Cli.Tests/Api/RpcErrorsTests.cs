using ControlPlane.Cli.Api;
using ControlPlane.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ControlPlane.Cli.Tests.Api;

public sealed class RpcErrorsTests
{
    [Theory]
    [InlineData(StatusCode.Unavailable, 3)]
    [InlineData(StatusCode.DeadlineExceeded, 3)]
    [InlineData(StatusCode.Unauthenticated, 3)]
    [InlineData(StatusCode.PermissionDenied, 3)]
    [InlineData(StatusCode.NotFound, 1)]
    [InlineData(StatusCode.FailedPrecondition, 1)]
    [InlineData(StatusCode.AlreadyExists, 1)]
    [InlineData(StatusCode.Internal, 1)]
    [InlineData(StatusCode.Unimplemented, 1)]
    public void Status_codes_map_to_the_documented_exit_codes(StatusCode code, int exitCode)
    {
        var error = RpcErrors.Translate(new RpcException(new global::Grpc.Core.Status(code, "what happened\nsecond line")), "http://s:1");

        Assert.Equal(exitCode, error.ExitCode);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Invalid_argument_lists_the_diagnostics_from_the_status_details()
    {
        var diagnostics = new WorkflowDiagnostics { Diagnostics = { new Diagnostic { Text = "ci.yaml:3:1: error CP1001 x: from details" } } };
        var status = new Google.Rpc.Status { Code = 3, Message = "the workflow has 1 error:\nfrom message", Details = { Any.Pack(diagnostics) } };
        var trailers = new Metadata { { "grpc-status-details-bin", status.ToByteArray() } };

        var error = RpcErrors.Translate(new RpcException(new global::Grpc.Core.Status(StatusCode.InvalidArgument, status.Message), trailers), "http://s:1");

        Assert.Equal("the workflow has 1 error", error.Message);
        Assert.Equal(["ci.yaml:3:1: error CP1001 x: from details"], error.Details);
    }

    [Fact]
    public void Invalid_argument_without_details_takes_the_lines_of_the_message()
    {
        var error = RpcErrors.Translate(new RpcException(new global::Grpc.Core.Status(StatusCode.InvalidArgument, "the workflow has 2 errors:\na\nb")), "http://s:1");

        Assert.Equal(["a", "b"], error.Details);
    }
}
