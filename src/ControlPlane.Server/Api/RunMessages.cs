using System.Globalization;
using System.Text.Json;
using ControlPlane.Contracts.V1;
using ControlPlane.Core.Scheduling;
using ControlPlane.Server.Queries;
using CoreAttemptState = ControlPlane.Core.Attempts.AttemptState;
using CoreFailureClass = ControlPlane.Core.Attempts.FailureClass;
using CoreRunState = ControlPlane.Core.Runs.RunState;
using CoreStepState = ControlPlane.Core.Steps.StepState;
using RunOrigin = ControlPlane.Core.Runs.RunOrigin;

namespace ControlPlane.Server.Api;

/// <summary>Maps runs, steps and attempts to their wire form.</summary>
internal static class RunMessages
{
    public static Run ToProto(RunSummary summary)
    {
        var run = summary.Run;
        var message = new Run
        {
            Id = run.Id.Value,
            WorkflowName = summary.WorkflowName,
            RevisionId = run.RevisionId.Value,
            State = ToProto(run.State),
            IdempotencyKey = run.IdempotencyKey ?? "",
            ConcurrencyKey = run.ConcurrencyKey ?? "",
            Priority = run.Priority,
            RunAttempt = run.RunAttempt,
            Timeout = ProtoTime.From(run.Timeout),
            CreatedAt = ProtoTime.From(run.CreatedAt),
            StartedAt = ProtoTime.From(run.StartedAt),
            FinishedAt = ProtoTime.From(run.FinishedAt),
            DeadlineAt = ProtoTime.From(run.DeadlineAt),
            Trigger = ToProto(run.Origin),
            EventJson = run.EventJson ?? "",
        };
        foreach (var (name, value) in RunInputsJson.Deserialize(run.InputsJson))
        {
            message.Inputs[name] = value switch
            {
                null => "",
                bool b => b ? "true" : "false",
                double d => d.ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
            };
        }

        return message;
    }

    public static Step ToProto(StepDetails details)
    {
        var step = details.Step;
        var message = new Step
        {
            Id = step.Id.Value,
            Key = step.Key,
            State = ToProto(step.State),
            Needs = { step.Needs },
            MatrixGroup = step.MatrixGroup ?? "",
            PendingReason = step.PendingReason ?? "",
            Outcome = step.Outcome ?? "",
            CreatedAt = ProtoTime.From(step.CreatedAt),
            ReadyAt = ProtoTime.From(step.ReadyAt),
            StartedAt = ProtoTime.From(step.StartedAt),
            FinishedAt = ProtoTime.From(step.FinishedAt),
            NotBefore = ProtoTime.From(step.NotBefore),
            Attempts = { details.Attempts.Select(ToProto) },
        };
        if (step.ExitCode is { } exitCode)
        {
            message.ExitCode = exitCode;
        }

        if (step.OutputsJson is { } outputs && JsonSerializer.Deserialize<Dictionary<string, string>>(outputs) is { } values)
        {
            message.Outputs.Add(values);
        }

        return message;
    }

    public static Contracts.V1.Attempt ToProto(AttemptDetails details)
    {
        var attempt = details.Attempt;
        var message = new Contracts.V1.Attempt
        {
            Id = attempt.Id.Value,
            Number = attempt.Number,
            State = ToProto(attempt.State),
            RunnerId = attempt.RunnerId.Value,
            RunnerName = details.RunnerName,
            LeaseEpoch = attempt.LeaseEpoch,
            Outcome = attempt.Outcome ?? "",
            FailureClass = ToProto(attempt.FailureClass),
            OfferedAt = ProtoTime.From(attempt.OfferedAt),
            StartedAt = ProtoTime.From(attempt.StartedAt),
            FinishedAt = ProtoTime.From(attempt.FinishedAt),
            LeaseExpiresAt = ProtoTime.From(attempt.LeaseExpiresAt),
            LogBytes = attempt.Log.ReceivedBytes,
            LogComplete = attempt.Log.IsComplete,
        };
        if (attempt.ExitCode is { } exitCode)
        {
            message.ExitCode = exitCode;
        }

        return message;
    }

    public static RunTrigger ToProto(RunOrigin origin) => origin switch
    {
        RunOrigin.Manual => RunTrigger.Manual,
        RunOrigin.Schedule => RunTrigger.Schedule,
        RunOrigin.Webhook => RunTrigger.Webhook,
        _ => RunTrigger.Unspecified,
    };

    public static RunState ToProto(CoreRunState state) => state switch
    {
        CoreRunState.Queued => RunState.Queued,
        CoreRunState.Running => RunState.Running,
        CoreRunState.Succeeded => RunState.Succeeded,
        CoreRunState.Failed => RunState.Failed,
        CoreRunState.Cancelling => RunState.Cancelling,
        CoreRunState.Cancelled => RunState.Cancelled,
        _ => RunState.Unspecified,
    };

    /// <exception cref="ApiArgumentException">The state is unspecified or unknown.</exception>
    public static CoreRunState ToCore(RunState state, string field) => state switch
    {
        RunState.Queued => CoreRunState.Queued,
        RunState.Running => CoreRunState.Running,
        RunState.Succeeded => CoreRunState.Succeeded,
        RunState.Failed => CoreRunState.Failed,
        RunState.Cancelling => CoreRunState.Cancelling,
        RunState.Cancelled => CoreRunState.Cancelled,
        _ => throw new ApiArgumentException(field, $"'{state}' is not a run state to filter by"),
    };

    private static StepState ToProto(CoreStepState state) => state switch
    {
        CoreStepState.Pending => StepState.Pending,
        CoreStepState.WaitingForRetry => StepState.WaitingForRetry,
        CoreStepState.Ready => StepState.Ready,
        CoreStepState.Offered => StepState.Offered,
        CoreStepState.Running => StepState.Running,
        CoreStepState.Succeeded => StepState.Succeeded,
        CoreStepState.Failed => StepState.Failed,
        CoreStepState.Skipped => StepState.Skipped,
        CoreStepState.Cancelled => StepState.Cancelled,
        _ => StepState.Unspecified,
    };

    private static AttemptState ToProto(CoreAttemptState state) => state switch
    {
        CoreAttemptState.Offered => AttemptState.Offered,
        CoreAttemptState.Running => AttemptState.Running,
        CoreAttemptState.Succeeded => AttemptState.Succeeded,
        CoreAttemptState.Failed => AttemptState.Failed,
        CoreAttemptState.Lost => AttemptState.Lost,
        CoreAttemptState.Cancelled => AttemptState.Cancelled,
        CoreAttemptState.Rejected => AttemptState.Rejected,
        _ => AttemptState.Unspecified,
    };

    private static FailureClass ToProto(CoreFailureClass? failure) => failure switch
    {
        CoreFailureClass.ExitCode => FailureClass.ExitCode,
        CoreFailureClass.Timeout => FailureClass.Timeout,
        CoreFailureClass.RunnerLost => FailureClass.RunnerLost,
        CoreFailureClass.Error => FailureClass.Error,
        _ => FailureClass.Unspecified,
    };
}
