// Composition root of cp-agent: configuration, logging, the gRPC channel, executors and the session host.
using System.Runtime.InteropServices;
using ControlPlane.Agent;
using ControlPlane.Agent.Configuration;
using ControlPlane.Agent.State;
using Grpc.Core;

using var stopping = new CancellationTokenSource();
AgentComposition composition;
try
{
    var options = AgentConfiguration.Load(args, Environment.GetEnvironmentVariable, warning => Console.Error.WriteLine($"cp-agent: warning: {warning}"));
    composition = AgentComposition.Create(options, stopping);
}
catch (Exception e) when (e is AgentUsageException or AgentStateCorruptException)
{
    await Console.Error.WriteLineAsync($"cp-agent: {e.Message}");
    return 2;
}

await using var disposeComposition = composition;
var host = composition.Host;
var signals = 0;
void OnStopSignal(PosixSignalContext context)
{
    // The agent decides how to stop: the first SIGTERM/SIGINT drains, a second one or SIGQUIT stops at once.
    context.Cancel = true;
    if (context.Signal == PosixSignal.SIGQUIT || Interlocked.Increment(ref signals) > 1)
    {
        host.ForceStop();
    }
    else
    {
        host.Drain($"received {context.Signal}");
    }
}

using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal);
using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnStopSignal);
try
{
    return await host.RunAsync();
}
catch (Exception e) when (e is AgentUsageException or AgentStateCorruptException)
{
    await Console.Error.WriteLineAsync($"cp-agent: {e.Message}");
    return 2;
}
catch (RpcException e)
{
    await Console.Error.WriteLineAsync($"cp-agent: the server refused the registration: {e.StatusCode}: {e.Status.Detail}");
    return 3;
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    return 0;
}
