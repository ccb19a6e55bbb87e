using ControlPlane.Contracts.V1;
using ControlPlane.Core.Planning;
using ControlPlane.Server.Queries;
using ControlPlane.Server.Triggers.Webhooks;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Api;

/// <summary>gRPC adapter for controlplane.v1.WorkflowService: maps requests, calls the query classes, maps back.</summary>
public sealed class WorkflowApi : WorkflowService.WorkflowServiceBase
{
    private readonly WorkflowApplier _applier;
    private readonly WorkflowQueries _queries;
    private readonly WebhookSecretRule _webhookSecrets;
    private readonly ILogger<WorkflowApi> _logger;
    private readonly PlanLimits _limits;

    public WorkflowApi(WorkflowApplier applier, WorkflowQueries queries, PlanLimits limits, WebhookSecretRule webhookSecrets, ILogger<WorkflowApi> logger)
    {
        _limits = limits;
        _applier = applier;
        _queries = queries;
        _webhookSecrets = webhookSecrets;
        _logger = logger;
    }

    public override async Task<ApplyWorkflowResponse> ApplyWorkflow(ApplyWorkflowRequest request, ServerCallContext context)
    {
        var fileName = RequestFields.Required(request.FileName, "file_name");
        var applied = await _applier.ApplyAsync(fileName, request.Source, context.CancellationToken);
        ApiLog.WorkflowApplied(_logger, applied.WorkflowName, applied.Revision.Id.Value, applied.Created);
        return new ApplyWorkflowResponse
        {
            Revision = WorkflowMessages.ToProto(applied.Revision, applied.WorkflowName, withSource: false),
            Created = applied.Created,
            Warnings = { applied.Warnings.Select(DiagnosticMessages.ToProto) },
        };
    }

    public override Task<ValidateWorkflowResponse> ValidateWorkflow(ValidateWorkflowRequest request, ServerCallContext context)
    {
        var fileName = RequestFields.Required(request.FileName, "file_name");
        var check = WorkflowChecker.Check(fileName, request.Source, request.Inputs, _limits, _webhookSecrets);
        return Task.FromResult(new ValidateWorkflowResponse
        {
            Valid = check.IsValid,
            Diagnostics = { check.Diagnostics.Select(DiagnosticMessages.ToProto) },
            WorkflowName = check.WorkflowName,
            ContentHash = check.ContentHash,
            Plan = check.PlanText,
        });
    }

    public override async Task<GetWorkflowResponse> GetWorkflow(GetWorkflowRequest request, ServerCallContext context)
    {
        var name = RequestFields.Required(request.Name, "name");
        var revisionId = RequestFields.OptionalRevision(request.RevisionId);
        var (workflow, revision) = await _queries.GetAsync(name, revisionId, context.CancellationToken);
        return new GetWorkflowResponse
        {
            Workflow = WorkflowMessages.ToProto(workflow),
            Revision = WorkflowMessages.ToProto(revision, workflow.Workflow.Name, withSource: true),
        };
    }

    public override async Task<ListWorkflowsResponse> ListWorkflows(ListWorkflowsRequest request, ServerCallContext context) =>
        new ListWorkflowsResponse
        {
            Workflows = { (await _queries.ListAsync(context.CancellationToken)).Select(WorkflowMessages.ToProto) },
        };
}
