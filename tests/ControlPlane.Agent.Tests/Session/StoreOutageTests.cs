using ControlPlane.Agent.Session;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace ControlPlane.Agent.Tests.Session;

/// <summary>Only the server's exact "database cannot be written" answer keeps leases; anything else is silence.</summary>
public sealed class StoreOutageTests
{
    [Fact]
    public void UNAVAILABLE_with_the_STORE_UNWRITABLE_error_info_is_a_store_outage()
    {
        Assert.True(StoreOutage.IsReportedBy(Error(StatusCode.Unavailable, Info("STORE_UNWRITABLE", "controlplane.v1"))));
    }

    [Fact]
    public void Another_code_reason_or_domain_is_not()
    {
        Assert.False(StoreOutage.IsReportedBy(Error(StatusCode.Internal, Info("STORE_UNWRITABLE", "controlplane.v1"))));
        Assert.False(StoreOutage.IsReportedBy(Error(StatusCode.Unavailable, Info("SHUTTING_DOWN", "controlplane.v1"))));
        Assert.False(StoreOutage.IsReportedBy(Error(StatusCode.Unavailable, Info("STORE_UNWRITABLE", "example.com"))));
        Assert.False(StoreOutage.IsReportedBy(new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "the database cannot be written: full"))));
    }

    [Fact]
    public void Malformed_details_are_not_a_store_outage_and_do_not_throw()
    {
        var trailers = new Metadata { { "grpc-status-details-bin", new byte[] { 0x0a, 0xff, 0xff, 0xff, 0x01 } } };
        Assert.False(StoreOutage.IsReportedBy(new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "x"), trailers)));

        var wrongType = new Google.Rpc.Status { Code = 14, Details = { Any.Pack(new Duration { Seconds = 1 }) } };
        Assert.False(StoreOutage.IsReportedBy(Error(StatusCode.Unavailable, wrongType)));
    }

    private static Google.Rpc.Status Info(string reason, string domain) =>
        new() { Code = 14, Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = domain }) } };

    private static RpcException Error(StatusCode code, Google.Rpc.Status details) =>
        new(new global::Grpc.Core.Status(code, details.Message), new Metadata { { "grpc-status-details-bin", details.ToByteArray() } });
}
