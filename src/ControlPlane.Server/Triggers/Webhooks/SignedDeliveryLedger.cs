using System.Security.Cryptography;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Triggers;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>
/// Remembers signed bodies for <see cref="WebhookOptions.ReplayWindow"/>, so a replay of a signed delivery (the same
/// body, hence the same signature, under any delivery id) is answered as a redelivery and starts nothing. A body is
/// recorded in the unit of work that starts or finds its run; records older than the window are deleted then.
/// </summary>
/// <remarks>Thread-safe. Two identical bodies at once: the store serializes writes, and the second sees the first's record.</remarks>
public sealed class SignedDeliveryLedger
{
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;

    public SignedDeliveryLedger(IStore store, TimeProvider time, IOptions<WebhookOptions> options)
    {
        _store = store;
        _time = time;
        _window = options.Value.ReplayWindow;
    }

    public static byte[] Digest(ReadOnlySpan<byte> body) => SHA256.HashData(body);

    /// <returns>The earlier delivery of this body within the window, or null.</returns>
    public async Task<SignedDeliveryRecord?> FindAsync(string workflow, byte[] digest, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        return await unit.SignedDeliveries.FindAsync(workflow, digest, _time.GetUtcNow() - _window, cancellationToken);
    }

    /// <summary>Records the body inside <paramref name="unit"/> (a write unit of work) and deletes records older than the window.</summary>
    /// <exception cref="SignedDeliveryReplayedException">The body was recorded within the window after <see cref="FindAsync"/> looked.</exception>
    public async Task RecordAsync(IUnitOfWork unit, string workflow, byte[] digest, RunId? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var now = _time.GetUtcNow();
        if (await unit.SignedDeliveries.FindAsync(workflow, digest, now - _window, cancellationToken) is { } earlier)
        {
            throw new SignedDeliveryReplayedException(earlier);
        }

        await unit.SignedDeliveries.DeleteReceivedBeforeAsync(now - _window, cancellationToken);
        await unit.SignedDeliveries.SaveAsync(new SignedDeliveryRecord(workflow, digest, runId, now), cancellationToken);
    }

    /// <summary>Records a body that started no run (its filter was false), in a unit of work of its own.</summary>
    /// <exception cref="SignedDeliveryReplayedException">The body was recorded within the window after <see cref="FindAsync"/> looked.</exception>
    public async Task RecordAsync(string workflow, byte[] digest, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginAsync(cancellationToken);
        await RecordAsync(unit, workflow, digest, null, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }
}
