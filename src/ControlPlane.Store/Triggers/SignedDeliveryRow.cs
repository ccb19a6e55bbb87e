using ControlPlane.Core.Runs;
using ControlPlane.Core.Triggers;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Triggers;

/// <summary>A <c>signed_deliveries</c> row as SQLite returns it.</summary>
internal sealed class SignedDeliveryRow
{
    public string Workflow { get; set; } = "";

    public byte[] BodySha256 { get; set; } = [];

    public long? RunId { get; set; }

    public long ReceivedAt { get; set; }

    public SignedDeliveryRecord ToRecord() =>
        new(Workflow, BodySha256, RunId is { } id ? new RunId(id) : null, UnixMs.ToTime(ReceivedAt));
}
