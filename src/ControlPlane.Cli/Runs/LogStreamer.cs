using ControlPlane.Cli.Api;
using ControlPlane.Contracts.V1;
using Grpc.Core;

namespace ControlPlane.Cli.Runs;

/// <summary>Streams one attempt's log into an <see cref="ILogWriter"/>.</summary>
internal static class LogStreamer
{
    /// <summary>
    /// Writes the log of attempt <paramref name="attemptNumber"/> (0 for the latest) of a step from its start; with
    /// <paramref name="follow"/>, until the attempt has ended and its log is complete.
    /// </summary>
    public static async Task StreamAsync(
        ApiConnection api, long runId, string stepKey, int attemptNumber, bool follow, ILogWriter writer, CancellationToken cancellationToken)
    {
        var request = new StreamLogsRequest { RunId = runId, StepKey = stepKey, AttemptNumber = attemptNumber, Follow = follow };
        try
        {
            using var call = api.Runs.StreamLogs(request, api.Streaming(cancellationToken));
            await foreach (var piece in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                writer.Write(piece.Data.Span);
            }
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.Translate(e, api.Settings.Server);
        }
        finally
        {
            writer.Flush();
        }
    }
}
