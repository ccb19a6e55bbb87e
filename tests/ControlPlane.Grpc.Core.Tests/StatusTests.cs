using Grpc.Core;

namespace ControlPlane.Grpc.Core.Tests;

public class StatusTests
{
    [Fact]
    public void RpcException_exposes_status_code_and_trailers()
    {
        var trailers = new Metadata { { "reason", "quota" } };
        var error = new RpcException(new Status(StatusCode.ResourceExhausted, "too big"), trailers);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("too big", error.Status.Detail);
        Assert.Same(trailers, error.Trailers);
        Assert.Contains("ResourceExhausted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_codes_have_their_wire_values()
    {
        Assert.Equal(0, (int)StatusCode.OK);
        Assert.Equal(4, (int)StatusCode.DeadlineExceeded);
        Assert.Equal(12, (int)StatusCode.Unimplemented);
        Assert.Equal(16, (int)StatusCode.Unauthenticated);
    }
}
