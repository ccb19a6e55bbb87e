using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Server.Api;

/// <summary>Times and durations in their wire form; a missing value stays unset.</summary>
internal static class ProtoTime
{
    public static Timestamp? From(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;

    public static Duration? From(TimeSpan? span) => span is { } s ? Duration.FromTimeSpan(s) : null;

    /// <summary>A request timestamp; unset means no bound.</summary>
    public static DateTimeOffset? ToTime(Timestamp? timestamp) => timestamp?.ToDateTimeOffset();
}
