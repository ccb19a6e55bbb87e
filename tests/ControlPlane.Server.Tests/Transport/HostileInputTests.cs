using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Api.Support;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Transport;

/// <summary>
/// Requests no well-behaved client sends, against the real server on Kestrel: each is refused with a status (never
/// OK, never a crash), nothing is stored, and the server goes on serving well-formed calls.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const string List = "/controlplane.v1.WorkflowService/ListWorkflows";
    private const string Apply = "/controlplane.v1.WorkflowService/ApplyWorkflow";

    public static TheoryData<string, string, string> Attacks() => new()
    {
        // grpc-dotnet answers a request it cannot parse as it answers a handler that threw: UNKNOWN, no details.
        { "a payload that is not the request message", Apply, "Unknown" },
        { "a frame announcing 2 GiB and carrying 10 bytes", Apply, "ResourceExhausted" },
        { "a frame announcing 1000 bytes and carrying 10", Apply, "Internal" },
        { "a message flagged compressed without grpc-encoding", List, "Internal" },
        { "two messages for a unary call", List, "Internal" },
        { "an unknown method", "/controlplane.v1.WorkflowService/DropTables", "Unimplemented" },
        { "an unknown service", "/controlplane.v9.Nope/Call", "Unimplemented" },
        { "a non-gRPC content type", List, "Internal" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Malformed_requests_are_refused_and_the_server_keeps_serving(string attack, string path, string expected)
    {
        await using var server = await ApiServer.StartAsync(output);
        var before = await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), cancellationToken: server.Ct);

        var outcome = await RawGrpcCall.SendAsync(server.Address, path, Body(attack), server.Ct, attack == "a non-gRPC content type" ? "application/json" : "application/grpc");

        output.WriteLine($"{attack}: {outcome}");
        Assert.Equal(expected, outcome);
        var after = await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), cancellationToken: server.Ct);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_request_over_4_MiB_is_RESOURCE_EXHAUSTED_and_stores_nothing()
    {
        await using var server = await ApiServer.StartAsync(output);

        var oversized = await Assert.ThrowsAsync<RpcException>(() => server.Workflows.ApplyWorkflowAsync(
            new ApplyWorkflowRequest { FileName = "big.yaml", Source = "name: big\n#" + new string('x', 5 * 1024 * 1024) }, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, oversized.StatusCode);
        Assert.Empty((await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), cancellationToken: server.Ct)).Workflows);
    }

    [Fact]
    public async Task Hostile_bytes_from_a_caller_without_a_token_are_refused_and_a_wrong_token_is_UNAUTHENTICATED()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var wellFormed = RawGrpcCall.Frame(new ListWorkflowsRequest().ToByteArray());

        var garbage = await RawGrpcCall.SendAsync(server.Address, Apply, Body("a payload that is not the request message"), server.Ct);
        var noToken = await RawGrpcCall.SendAsync(server.Address, List, wellFormed, server.Ct);
        var wrongToken = await RawGrpcCall.SendAsync(server.Address, List, wellFormed, server.Ct, authorization: "Bearer cp_" + new string('0', 43));
        var notBearer = await RawGrpcCall.SendAsync(server.Address, List, wellFormed, server.Ct, authorization: "Bearer");

        Assert.Equal(("Unknown", "Unauthenticated", "Unauthenticated", "Unauthenticated"), (garbage, noToken, wrongToken, notBearer));
    }

    private static byte[] Body(string attack)
    {
        var tenBytes = new byte[10];
        return attack switch
        {
            // Field 1 as a length-delimited string that claims far more bytes than follow.
            "a payload that is not the request message" => RawGrpcCall.Frame([0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 0x41, 0x42]),
            "a frame announcing 2 GiB and carrying 10 bytes" => RawGrpcCall.Frame(tenBytes, announcedLength: int.MaxValue),
            "a frame announcing 1000 bytes and carrying 10" => RawGrpcCall.Frame(tenBytes, announcedLength: 1000),
            "a message flagged compressed without grpc-encoding" => RawGrpcCall.Frame([1, 2, 3], compressed: true),
            "two messages for a unary call" => [.. RawGrpcCall.Frame([]), .. RawGrpcCall.Frame([])],
            _ => RawGrpcCall.Frame([]),
        };
    }
}
