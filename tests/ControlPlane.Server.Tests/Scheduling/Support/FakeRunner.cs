using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Server.Scheduling.Runners;

namespace ControlPlane.Server.Tests.Scheduling.Support;

/// <summary>
/// An in-process runner session: reads what the scheduler sends on the session's command queue and reports back through
/// the real <see cref="AttemptReporter"/>, as the runner protocol will. Nothing runs; the test decides every outcome.
/// </summary>
internal sealed class FakeRunner
{
    private readonly AttemptReporter _reporter;
    private readonly List<RunnerCommand> _received = [];
    private int _taken;

    public FakeRunner(RunnerSession session, AttemptReporter reporter)
    {
        Session = session;
        _reporter = reporter;
    }

    public RunnerSession Session { get; }

    public RunnerId Id => Session.RunnerId;

    /// <summary>Every command received so far, in order.</summary>
    public IReadOnlyList<RunnerCommand> Received
    {
        get
        {
            Drain();
            return _received;
        }
    }

    public IReadOnlyList<OfferCommand> Offers => [.. Received.OfType<OfferCommand>()];

    public IReadOnlyList<CancelCommand> Cancels => [.. Received.OfType<CancelCommand>()];

    /// <summary>Offers received since the last call.</summary>
    public IReadOnlyList<OfferCommand> TakeNewOffers()
    {
        Drain();
        var offers = _received.Skip(_taken).OfType<OfferCommand>().ToList();
        _taken = _received.Count;
        return offers;
    }

    public Task AcceptAsync(OfferCommand offer) => _reporter.AcceptAsync(Claim(offer), CancellationToken.None);

    public Task RejectAsync(OfferCommand offer) => _reporter.RejectAsync(Claim(offer), CancellationToken.None);

    public Task SucceedAsync(OfferCommand offer, IReadOnlyDictionary<string, string>? outputs = null, long? epoch = null) =>
        _reporter.FinishedAsync(Claim(offer, epoch), 0, AttemptOutcome.Succeeded, null, outputs, CancellationToken.None);

    public Task FailAsync(OfferCommand offer, int exitCode = 1, long? epoch = null) =>
        _reporter.FinishedAsync(Claim(offer, epoch), exitCode, AttemptOutcome.Failed, null, null, CancellationToken.None);

    public Task CancelledAsync(OfferCommand offer) =>
        _reporter.FinishedAsync(Claim(offer), 130, AttemptOutcome.Cancelled, null, null, CancellationToken.None);

    /// <summary>Accepts and succeeds.</summary>
    public async Task RunAsync(OfferCommand offer, IReadOnlyDictionary<string, string>? outputs = null)
    {
        await AcceptAsync(offer);
        await SucceedAsync(offer, outputs);
    }

    public Task HeartbeatAsync() => _reporter.HeartbeatAsync(Id, CancellationToken.None);

    /// <summary>This runner's claim on <paramref name="offer"/> (whichever runner it was made to), under its epoch or <paramref name="epoch"/>.</summary>
    public AttemptClaim Claim(OfferCommand offer, long? epoch = null) => new(Id, offer.AttemptId, epoch ?? offer.Epoch);

    private void Drain()
    {
        while (Session.Commands.TryRead(out var command))
        {
            _received.Add(command);
        }
    }
}
