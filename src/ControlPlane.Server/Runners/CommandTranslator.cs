using ControlPlane.Contracts.V1;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using AttemptOutcome = ControlPlane.Server.Scheduling.Runners.AttemptOutcome;

namespace ControlPlane.Server.Runners;

/// <summary>
/// Turns what the scheduler decided for a runner into the message its stream carries. An offer whose step cannot be
/// resolved is not sent: its attempt is reported failed (class error, with the reason) so the run shows why.
/// </summary>
public sealed class CommandTranslator
{
    private readonly OfferContextReader _contexts;
    private readonly StepSpecResolver _resolver;
    private readonly AttemptReporter _reporter;
    private readonly ILogger<CommandTranslator> _logger;

    public CommandTranslator(OfferContextReader contexts, StepSpecResolver resolver, AttemptReporter reporter, ILogger<CommandTranslator> logger)
    {
        _contexts = contexts;
        _resolver = resolver;
        _reporter = reporter;
        _logger = logger;
    }

    /// <returns>The message to send, or null when there is nothing to send.</returns>
    public async Task<ConnectResponse?> TranslateAsync(RunnerCommand command, CancellationToken cancellationToken) => command switch
    {
        OfferCommand offer => await OfferAsync(offer, cancellationToken),
        CancelCommand cancel => new ConnectResponse
        {
            Cancel = new AttemptCancel
            {
                AttemptId = cancel.AttemptId.Value,
                LeaseEpoch = cancel.Epoch,
                Grace = Duration.FromTimeSpan(cancel.Grace),
                Reason = cancel.Reason,
            },
        },
        DrainCommand drain => new ConnectResponse { Drain = new DrainRequest { Reason = drain.Reason } },
        _ => null,
    };

    private async Task<ConnectResponse?> OfferAsync(OfferCommand offer, CancellationToken cancellationToken)
    {
        StepSpec spec;
        string workflow;
        try
        {
            var context = await _contexts.ReadAsync(offer, cancellationToken);
            spec = _resolver.Resolve(offer, context);
            workflow = context.Workflow;
        }
        catch (StepResolutionException e)
        {
            RunnerProtocolLog.StepUnresolvable(_logger, offer.RunId.Value, offer.StepId.Value, offer.AttemptId.Value, e.Message);
            await FailUnresolvableAsync(offer, e.Message, cancellationToken);
            return null;
        }
        catch (EntityNotFoundException)
        {
            // The run is gone; the offer's lease runs out on its own.
            return null;
        }

        return new ConnectResponse
        {
            Offer = new AttemptOffer
            {
                AttemptId = offer.AttemptId.Value,
                LeaseEpoch = offer.Epoch,
                RunId = offer.RunId.Value,
                StepId = offer.StepId.Value,
                StepKey = offer.StepKey,
                AttemptNumber = offer.AttemptNumber,
                AcceptBy = Timestamp.FromDateTimeOffset(offer.AcceptBy),
                Step = spec,
                Workflow = workflow,
            },
        };
    }

    private async Task FailUnresolvableAsync(OfferCommand offer, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await _reporter.FinishedAsync(offer.Claim, null, AttemptOutcome.Failed, Core.Attempts.FailureClass.Error, null, $"the step cannot be resolved: {reason}", cancellationToken);
        }
        catch (Exception e) when (e is LeaseRefusedException or StateConflictException or EntityNotFoundException)
        {
            // The attempt moved on meanwhile (offer expired, run cancelled): nothing left to report.
        }
    }
}
