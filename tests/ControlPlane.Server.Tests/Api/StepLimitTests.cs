using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Api.Support;
using Grpc.Core;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Api;

/// <summary>A run has at most Server:MaxStepsPerRun steps; a larger plan is refused with the count, before anything is stored.</summary>
public sealed class StepLimitTests(ITestOutputHelper output)
{
    // 5 values on each of 3 axes: 125 combinations, but an input can exclude some of them.
    private const string InputSized = """
        name: sized
        inputs:
          skip: {type: string, default: none}
        steps:
          - id: t
            run: echo
            matrix:
              a: [p, q, r, s, t]
              b: [1, 2, 3, 4, 5]
              c: [1, 2, 3, 4, 5]
              exclude:
                - a: ${{ inputs.skip }}
        """;

    private const string Literal = """
        name: literal
        steps:
          - id: t
            run: echo
            matrix: {a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], b: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
        """;

    [Fact]
    public async Task StartRun_refuses_a_plan_over_the_limit_with_INVALID_ARGUMENT_naming_the_count_and_stores_no_run()
    {
        await using var server = await ApiServer.StartAsync(output, "--max-steps-per-run", "100");
        await server.ApplyAsync(InputSized, "sized.yaml");

        var refused = await Assert.ThrowsAsync<RpcException>(() => server.StartAsync("sized"));
        var dryRun = await Assert.ThrowsAsync<RpcException>(() => server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "sized", DryRun = true }, cancellationToken: server.Ct).ResponseAsync);
        var fits = await server.StartAsync("sized", new Dictionary<string, string> { ["skip"] = "p" });
        var runs = await server.Runs.ListRunsAsync(new ListRunsRequest { WorkflowName = "sized" }, cancellationToken: server.Ct);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("sized.yaml:1:1: error CP2007 steps: the plan has 125 steps; the limit is 100 (Server:MaxStepsPerRun)", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, dryRun.StatusCode);
        Assert.Contains("the plan has 125 steps; the limit is 100", dryRun.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(fits.Id, Assert.Single(runs.Runs).Id);
        Assert.Equal(100, (await server.GetRunAsync(fits.Id)).Steps.Count);
    }

    [Fact]
    public async Task Apply_refuses_a_file_whose_written_out_matrices_are_over_the_limit()
    {
        await using var server = await ApiServer.StartAsync(output, "--max-steps-per-run", "100");

        var refused = await Assert.ThrowsAsync<RpcException>(() => server.ApplyAsync(Literal, "literal.yaml"));
        var listed = await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), cancellationToken: server.Ct);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("literal.yaml:1:1: error CP2007 steps: the plan has 110 steps; the limit is 100 (Server:MaxStepsPerRun)", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(listed.Workflows);
    }

    [Fact]
    public async Task ValidateWorkflow_plans_with_the_inputs_given_and_reports_the_limit_as_a_diagnostic()
    {
        await using var server = await ApiServer.StartAsync(output, "--max-steps-per-run", "100");

        var over = await server.Workflows.ValidateWorkflowAsync(new ValidateWorkflowRequest { FileName = "sized.yaml", Source = InputSized }, cancellationToken: server.Ct);
        var within = await server.Workflows.ValidateWorkflowAsync(new ValidateWorkflowRequest { FileName = "sized.yaml", Source = InputSized, Inputs = { ["skip"] = "t" } }, cancellationToken: server.Ct);

        Assert.False(over.Valid);
        var diagnostic = Assert.Single(over.Diagnostics);
        Assert.Equal(("CP2007", "steps"), (diagnostic.Code, diagnostic.FieldPath));
        Assert.Equal("the plan has 125 steps; the limit is 100 (Server:MaxStepsPerRun)", diagnostic.Message);
        Assert.True(within.Valid);
    }

    [Fact]
    public async Task The_default_limit_is_ten_thousand_steps()
    {
        await using var server = await ApiServer.StartAsync(output);
        var steps = string.Concat(Enumerable.Range(0, 40).Select(i => $"  - id: s{i}\n    run: echo\n    matrix: {{n: [{string.Join(", ", Enumerable.Range(0, 251))}]}}\n"));

        var refused = await Assert.ThrowsAsync<RpcException>(() => server.ApplyAsync("name: wide\nsteps:\n" + steps, "wide.yaml"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("the plan has 10,040 steps; the limit is 10,000 (Server:MaxStepsPerRun)", refused.Status.Detail, StringComparison.Ordinal);
    }
}
