using ControlPlane.Contracts.V1;
using ControlPlane.Server.Api;
using ControlPlane.Server.Tests.Api.Support;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;
using WorkflowDiagnostics = ControlPlane.Contracts.V1.WorkflowDiagnostics;

namespace ControlPlane.Server.Tests.Api;

public sealed class WorkflowApiTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Applying_a_valid_file_stores_a_revision_and_the_same_content_again_is_the_same_revision()
    {
        await using var server = await ApiServer.StartAsync(output);

        var first = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "ci.yaml", Source = Samples.Ci });
        var again = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "ci-copy.yaml", Source = Samples.CiReformatted });

        Assert.True(first.Created);
        Assert.Equal("ci", first.Revision.WorkflowName);
        Assert.StartsWith("sha256:", first.Revision.ContentHash, StringComparison.Ordinal);
        Assert.False(again.Created);
        Assert.Equal(first.Revision.Id, again.Revision.Id);
        Assert.Equal(first.Revision.ContentHash, again.Revision.ContentHash);
    }

    [Fact]
    public async Task Changed_content_is_a_new_revision_and_becomes_the_latest()
    {
        await using var server = await ApiServer.StartAsync(output);
        var first = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "ci.yaml", Source = Samples.Ci });

        var second = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "ci.yaml", Source = Samples.Ci.Replace("make test", "make check", StringComparison.Ordinal) });
        var latest = await server.Workflows.GetWorkflowAsync(new GetWorkflowRequest { Name = "ci" });
        var older = await server.Workflows.GetWorkflowAsync(new GetWorkflowRequest { Name = "ci", RevisionId = first.Revision.Id });

        Assert.True(second.Created);
        Assert.NotEqual(first.Revision.Id, second.Revision.Id);
        Assert.Equal(second.Revision.Id, latest.Revision.Id);
        Assert.Contains("make check", latest.Revision.Source, StringComparison.Ordinal);
        Assert.Equal(second.Revision.Id, older.Workflow.LatestRevision.Id);
        Assert.Equal(first.Revision.Id, older.Revision.Id);
        Assert.Equal(Samples.Ci, older.Revision.Source);
    }

    [Fact]
    public async Task Reapplying_an_older_content_returns_its_revision_unchanged()
    {
        await using var server = await ApiServer.StartAsync(output);
        var first = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "ci.yaml", Source = Samples.Ci });
        await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "ci.yaml", Source = Samples.Ci.Replace("make test", "make check", StringComparison.Ordinal) });

        var again = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "ci.yaml", Source = Samples.Ci });

        Assert.False(again.Created);
        Assert.Equal(first.Revision.Id, again.Revision.Id);
    }

    [Fact]
    public async Task An_invalid_file_is_refused_with_every_diagnostic_as_a_line_and_as_structured_details()
    {
        await using var server = await ApiServer.StartAsync(output);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "broken.yaml", Source = Samples.Broken }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var lines = error.Status.Detail.Split('\n');
        Assert.Equal("the workflow has 2 errors:", lines[0]);
        Assert.Matches(@"^broken\.yaml:3:3: error CP1001 defaults\.timout: unknown key 'timout'", lines[1]);
        Assert.Matches(@"^broken\.yaml:8:13: error CP1004 steps\[1\]\.needs\[0\]: unknown step 'biuld'", lines[2]);

        var status = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(ApiErrors.StatusDetailsTrailer));
        Assert.Equal((int)StatusCode.InvalidArgument, status.Code);
        Assert.Equal(error.Status.Detail, status.Message);
        var badRequest = status.Details.Single(d => d.Is(BadRequest.Descriptor)).Unpack<BadRequest>();
        Assert.Equal(["defaults.timout", "steps[1].needs[0]"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal(["CP1001", "CP1004"], badRequest.FieldViolations.Select(v => v.Reason));
        Assert.Equal(lines[1], badRequest.FieldViolations[0].Description);
        var diagnostics = status.Details.Single(d => d.Is(WorkflowDiagnostics.Descriptor)).Unpack<WorkflowDiagnostics>().Diagnostics;
        Assert.Equal([("broken.yaml", 3, 3), ("broken.yaml", 8, 13)], diagnostics.Select(d => (d.File, d.Line, d.Column)));
        Assert.All(diagnostics, d => Assert.Equal(ControlPlane.Contracts.V1.DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public async Task An_invalid_file_stores_nothing()
    {
        await using var server = await ApiServer.StartAsync(output);

        await Assert.ThrowsAsync<RpcException>(() => server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "broken.yaml", Source = Samples.Broken }).ResponseAsync);

        Assert.Empty((await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest())).Workflows);
    }

    [Fact]
    public async Task A_request_without_a_file_name_is_refused_naming_the_field()
    {
        await using var server = await ApiServer.StartAsync(output);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { Source = Samples.Ci }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("file_name: is required", error.Status.Detail);
        var status = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(ApiErrors.StatusDetailsTrailer));
        Assert.Equal("file_name", status.Details.Single().Unpack<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Validating_returns_the_diagnostics_and_the_plan_and_stores_nothing()
    {
        await using var server = await ApiServer.StartAsync(output);

        var valid = await server.Workflows.ValidateWorkflowAsync(new ValidateWorkflowRequest { FileName = "ci.yaml", Source = Samples.Ci, Inputs = { ["version"] = "2.0.0" } });
        var invalid = await server.Workflows.ValidateWorkflowAsync(new ValidateWorkflowRequest { FileName = "broken.yaml", Source = Samples.Broken });
        var badInputs = await server.Workflows.ValidateWorkflowAsync(new ValidateWorkflowRequest { FileName = "ci.yaml", Source = Samples.Ci, Inputs = { ["level"] = "fast" } });

        Assert.True(valid.Valid);
        Assert.Equal("ci", valid.WorkflowName);
        Assert.Contains("2 steps in 2 levels", valid.Plan, StringComparison.Ordinal);
        Assert.Contains("make build VERSION=2.0.0", valid.Plan, StringComparison.Ordinal);
        Assert.False(invalid.Valid);
        Assert.Equal(["CP1001", "CP1004"], invalid.Diagnostics.Select(d => d.Code));
        Assert.Equal("", invalid.Plan);
        Assert.False(badInputs.Valid);
        Assert.Equal("inputs.level", badInputs.Diagnostics.Single().FieldPath);
        Assert.Empty((await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest())).Workflows);
    }

    [Fact]
    public async Task Workflows_are_listed_by_name_with_their_latest_revision()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "zeta.yaml", Source = Samples.OneStep("zeta") });
        var alpha = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "alpha.yaml", Source = Samples.OneStep("alpha") });

        var list = await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest());

        Assert.Equal(["alpha", "zeta"], list.Workflows.Select(w => w.Name));
        Assert.Equal(alpha.Revision.Id, list.Workflows[0].LatestRevision.Id);
        Assert.Equal("", list.Workflows[0].LatestRevision.Source);
    }

    [Fact]
    public async Task Getting_an_unknown_workflow_or_a_revision_of_another_workflow_is_not_found()
    {
        await using var server = await ApiServer.StartAsync(output);
        var other = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "other.yaml", Source = Samples.OneStep("other") });
        await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "ci.yaml", Source = Samples.Ci });

        var unknown = await Assert.ThrowsAsync<RpcException>(() => server.Workflows.GetWorkflowAsync(new GetWorkflowRequest { Name = "nope" }).ResponseAsync);
        var foreign = await Assert.ThrowsAsync<RpcException>(() => server.Workflows.GetWorkflowAsync(new GetWorkflowRequest { Name = "ci", RevisionId = other.Revision.Id }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "Workflow 'nope' has not been applied."), (unknown.StatusCode, unknown.Status.Detail));
        Assert.Equal((StatusCode.NotFound, $"Workflow 'ci' has no revision {other.Revision.Id}."), (foreign.StatusCode, foreign.Status.Detail));
    }
}
