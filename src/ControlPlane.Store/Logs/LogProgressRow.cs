using ControlPlane.Core.Logs;

namespace ControlPlane.Store.Logs;

/// <summary>The log columns of an <c>attempts</c> row, with the holder and lease epoch that fence appends.</summary>
internal sealed class LogProgressRow
{
    public const string Select = "SELECT runner_id, lease_epoch, log_received, log_length, log_checksum, log_complete FROM attempts WHERE id = @id";

    public long RunnerId { get; set; }

    public long LeaseEpoch { get; set; }

    public long LogReceived { get; set; }

    public long? LogLength { get; set; }

    public string? LogChecksum { get; set; }

    public bool LogComplete { get; set; }

    public LogStatus ToStatus() => new(LogReceived, LogLength, LogChecksum, LogComplete);
}
