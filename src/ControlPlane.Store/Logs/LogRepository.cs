using System.Security.Cryptography;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Runners;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Logs;

/// <summary>
/// The <c>log_chunks</c> table and the log columns of <c>attempts</c>. Stored chunks never overlap and leave no
/// gaps: an append keeps only the bytes past <c>log_received</c>, and refuses a chunk that starts beyond it.
/// </summary>
internal sealed class LogRepository : ILogRepository
{
    private readonly StoreSession _session;

    public LogRepository(StoreSession session)
    {
        _session = session;
    }

    public async Task<LogStatus> AppendAsync(AttemptClaim claim, LogChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunk.Offset);
        _session.EnsureWritable(nameof(AppendAsync));
        var attemptId = claim.Attempt;
        var log = await LoadFencedAsync(claim, cancellationToken);
        if (chunk.Offset > log.LogReceived)
        {
            throw new LogGapException(attemptId, log.LogReceived, chunk.Offset);
        }

        if (chunk.End <= log.LogReceived)
        {
            return log.ToStatus();
        }

        if (log.LogLength is { } declared && chunk.End > declared)
        {
            throw new LogIntegrityException(attemptId, $"a chunk ends at byte {chunk.End}, past the declared length {declared}");
        }

        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var newBytes = chunk.Data[(int)(log.LogReceived - chunk.Offset)..];
        await _session.ExecuteAsync(
            "INSERT INTO log_chunks (attempt_id, byte_offset, stream, data) VALUES (@attemptId, @offset, @stream, @data)",
            new { attemptId = attemptId.Value, offset = log.LogReceived, stream = EnumText.ToText(chunk.Stream), data = newBytes.ToArray() },
            cancellationToken);
        log.LogReceived = chunk.End;
        if (log.LogLength == log.LogReceived)
        {
            await VerifyAsync(attemptId, log.LogChecksum!, cancellationToken);
            log.LogComplete = true;
        }

        await SaveProgressAsync(attemptId, log, cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return log.ToStatus();
    }

    public async Task<LogStatus> ConfirmAsync(AttemptClaim claim, long length, string checksum, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _session.EnsureWritable(nameof(ConfirmAsync));
        var attemptId = claim.Attempt;
        var log = await LoadFencedAsync(claim, cancellationToken);
        checksum = checksum.ToLowerInvariant();
        if (log.LogLength is { } declared)
        {
            return declared == length && log.LogChecksum == checksum
                ? log.ToStatus()
                : throw new LogIntegrityException(attemptId, $"declared again as {length} bytes {checksum}, but earlier as {declared} bytes {log.LogChecksum}");
        }

        if (log.LogReceived > length)
        {
            throw new LogIntegrityException(attemptId, $"{log.LogReceived} bytes are held but only {length} were declared");
        }

        if (log.LogReceived == length)
        {
            await VerifyAsync(attemptId, checksum, cancellationToken);
            log.LogComplete = true;
        }

        log.LogLength = length;
        log.LogChecksum = checksum;
        await SaveProgressAsync(attemptId, log, cancellationToken);
        return log.ToStatus();
    }

    public async Task<LogStatus> GetStatusAsync(AttemptId attemptId, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<LogProgressRow>(LogProgressRow.Select, new { id = attemptId.Value }, cancellationToken)
            ?? throw new EntityNotFoundException("attempt", attemptId.ToString())).ToStatus();

    public async Task<IReadOnlyList<LogChunk>> ReadAsync(AttemptId attemptId, long fromOffset, int maxBytes, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT byte_offset, stream, data FROM log_chunks
            WHERE attempt_id = @attemptId
              AND byte_offset >= COALESCE((SELECT MAX(byte_offset) FROM log_chunks WHERE attempt_id = @attemptId AND byte_offset <= @fromOffset), 0)
            ORDER BY byte_offset
            """;
        var chunks = new List<LogChunk>();
        var total = 0L;
        await foreach (var row in _session.StreamAsync<LogChunkRow>(Sql, new { attemptId = attemptId.Value, fromOffset }, cancellationToken))
        {
            if (row.End <= fromOffset)
            {
                continue;
            }

            var chunk = row.ToChunkFrom(fromOffset);
            chunks.Add(chunk);
            total += chunk.Data.Length;
            if (total >= maxBytes)
            {
                break;
            }
        }

        return chunks;
    }

    private async Task<LogProgressRow> LoadFencedAsync(AttemptClaim claim, CancellationToken cancellationToken)
    {
        var log = await _session.SingleOrDefaultAsync<LogProgressRow>(LogProgressRow.Select, new { id = claim.Attempt.Value }, cancellationToken)
            ?? throw new EntityNotFoundException("attempt", claim.Attempt.ToString());
        claim.Verify(new RunnerId(log.RunnerId), log.LeaseEpoch);
        return log;
    }

    private async Task SaveProgressAsync(AttemptId attemptId, LogProgressRow log, CancellationToken cancellationToken) =>
        await _session.ExecuteAsync(
            "UPDATE attempts SET log_received = @LogReceived, log_length = @LogLength, log_checksum = @LogChecksum, log_complete = @LogComplete WHERE id = @Id",
            new { Id = attemptId.Value, log.LogReceived, log.LogLength, log.LogChecksum, log.LogComplete },
            cancellationToken);

    /// <exception cref="LogIntegrityException">The held bytes do not hash to <paramref name="checksum"/>.</exception>
    private async Task VerifyAsync(AttemptId attemptId, string checksum, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rows = _session.StreamAsync<byte[]>("SELECT data FROM log_chunks WHERE attempt_id = @attemptId ORDER BY byte_offset", new { attemptId = attemptId.Value }, cancellationToken);
        await foreach (var data in rows)
        {
            hash.AppendData(data);
        }

        var actual = LogChecksum.FromHash(hash.GetHashAndReset());
        if (actual != checksum)
        {
            throw new LogIntegrityException(attemptId, $"the held bytes hash to {actual}, not the declared {checksum}");
        }
    }
}
