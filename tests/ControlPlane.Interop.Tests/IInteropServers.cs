using Grpc.Net.Client;
using Grpc.Testing;

namespace ControlPlane.Interop.Tests;

/// <summary>A pair of interop TestService servers, one per transport, that the client cases run against.</summary>
public interface IInteropServers
{
    GrpcChannel Channel(string transport);

    TestService.TestServiceClient Client(string transport);

    /// <summary>What the servers printed or logged, for the output of a failed test.</summary>
    string DescribeServers();
}
