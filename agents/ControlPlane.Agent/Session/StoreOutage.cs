using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace ControlPlane.Agent.Session;

/// <summary>
/// Recognises the server's answer "my database cannot be written" (UNAVAILABLE with a google.rpc.ErrorInfo whose
/// reason is STORE_UNWRITABLE; see runner.proto). Such a server is alive and decides nothing until it can write again,
/// then grants the failover grace: the agent keeps its attempts running instead of fencing them.
/// </summary>
internal static class StoreOutage
{
    public const string Reason = "STORE_UNWRITABLE";
    public const string Domain = "controlplane.v1";

    public static bool IsReportedBy(RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.StatusCode != StatusCode.Unavailable)
        {
            return false;
        }

        try
        {
            return error.GetRpcStatus()?.Details.Any(d => d.Is(ErrorInfo.Descriptor) && d.Unpack<ErrorInfo>() is { Reason: Reason, Domain: Domain }) == true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
