using ControlPlane.Contracts.V1;

namespace ControlPlane.Server.Tests.Api.Support;

/// <summary>Shorthands for the calls most API tests make.</summary>
internal static class ApiCalls
{
    public static async Task ApplyAsync(this ApiServer server, string source, string fileName = "workflow.yaml") =>
        await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = fileName, Source = source }, cancellationToken: server.Ct);

    public static async Task<Run> StartAsync(this ApiServer server, string workflow, Dictionary<string, string>? inputs = null, string key = "") =>
        (await server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = workflow, Inputs = { inputs ?? [] }, IdempotencyKey = key }, cancellationToken: server.Ct)).Run;

    public static async Task<GetRunResponse> GetRunAsync(this ApiServer server, long runId) =>
        await server.Runs.GetRunAsync(new GetRunRequest { RunId = runId }, cancellationToken: server.Ct);

    /// <summary>Polls GetRun until <paramref name="condition"/> holds; the dispatch loop works on its own schedule.</summary>
    public static async Task<GetRunResponse> WaitForRunAsync(this ApiServer server, long runId, Func<GetRunResponse, bool> condition)
    {
        while (true)
        {
            var run = await server.GetRunAsync(runId);
            if (condition(run))
            {
                return run;
            }

            await Task.Delay(50, server.Ct);
        }
    }
}
