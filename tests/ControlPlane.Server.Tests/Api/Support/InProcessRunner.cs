using ControlPlane.Core.Logs;
using ControlPlane.Core.Runners;
using ControlPlane.Server.Scheduling.Runners;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Server.Tests.Api.Support;

/// <summary>
/// A runner connected to the in-process server through the scheduler's own connector and reporter, as the runner
/// protocol does: it takes the offers the dispatch loop makes, and its logs are written through the store under the
/// attempt's lease epoch.
/// </summary>
internal sealed class InProcessRunner
{
    private readonly ApiServer _server;
    private readonly RunnerSession _session;

    private InProcessRunner(ApiServer server, RunnerSession session)
    {
        _server = server;
        _session = session;
    }

    private AttemptReporter Reporter => _server.Services.GetRequiredService<AttemptReporter>();

    public static async Task<InProcessRunner> ConnectAsync(ApiServer server, string name)
    {
        RunnerId id;
        await using (var unit = await server.Store.BeginAsync(server.Ct))
        {
            id = (await unit.Runners.RegisterAsync(new NewRunner(name, RunnerTokens.Issue().Hash, [], 1), server.Ct)).Id;
            await unit.CommitAsync(server.Ct);
        }

        var session = await server.Services.GetRequiredService<RunnerConnector>().ConnectAsync(id, server.Ct);
        return new InProcessRunner(server, session);
    }

    /// <summary>Waits for the next offer and accepts it: the attempt is running.</summary>
    public async Task<OfferCommand> TakeOfferAsync()
    {
        while (true)
        {
            if (await _session.Commands.ReadAsync(_server.Ct) is OfferCommand offer)
            {
                await Reporter.AcceptAsync(offer.Claim, _server.Ct);
                return offer;
            }
        }
    }

    public async Task AppendLogAsync(OfferCommand offer, long offset, LogStream stream, string text)
    {
        await using var unit = await _server.Store.BeginAsync(_server.Ct);
        await unit.Logs.AppendAsync(offer.Claim, new LogChunk(offset, stream, System.Text.Encoding.UTF8.GetBytes(text)), _server.Ct);
        await unit.CommitAsync(_server.Ct);
    }

    /// <summary>Waits for the server to ask for the attempt to be cancelled.</summary>
    public async Task<CancelCommand> TakeCancelAsync()
    {
        while (true)
        {
            if (await _session.Commands.ReadAsync(_server.Ct) is CancelCommand cancel)
            {
                return cancel;
            }
        }
    }

    /// <summary>Reports the attempt stopped after a cancel, with an empty log.</summary>
    public Task StoppedAsync(OfferCommand offer) =>
        Reporter.FinishedAsync(offer.Claim, 130, AttemptOutcome.Cancelled, null, null, _server.Ct);

    /// <summary>Reports the attempt finished, then declares its log (length and checksum of <paramref name="wholeLog"/>).</summary>
    public async Task FinishAsync(OfferCommand offer, int exitCode, string wholeLog)
    {
        var outcome = exitCode == 0 ? AttemptOutcome.Succeeded : AttemptOutcome.Failed;
        await Reporter.FinishedAsync(offer.Claim, exitCode, outcome, null, null, _server.Ct);
        var bytes = System.Text.Encoding.UTF8.GetBytes(wholeLog);
        await using var unit = await _server.Store.BeginAsync(_server.Ct);
        await unit.Logs.ConfirmAsync(offer.Claim, bytes.Length, LogChecksum.Of(bytes), _server.Ct);
        await unit.CommitAsync(_server.Ct);
    }
}
