namespace ControlPlane.Store.Sqlite;

/// <summary>Timestamps are stored as INTEGER unix milliseconds UTC; anything finer is truncated.</summary>
internal static class UnixMs
{
    public static long From(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static long? From(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToTime(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static DateTimeOffset? ToTime(long? milliseconds) => milliseconds is { } ms ? ToTime(ms) : null;
}
