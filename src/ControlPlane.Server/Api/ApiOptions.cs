namespace ControlPlane.Server.Api;

/// <summary>Settings of the operator API (WorkflowService, RunService); the <c>Api</c> section of appsettings.json.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>How often a following StreamLogs call looks for new bytes in the store. Default 200 ms.</summary>
    public TimeSpan LogPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>About how many log bytes one store read returns (and so one StreamLogs message at most). Default 64 KiB.</summary>
    public int LogReadBytes { get; set; } = 64 * 1024;

    /// <summary>How often a WatchRun call looks for new events of its run in the store. Default 150 ms.</summary>
    public TimeSpan WatchPollInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>At most how many events one store read of a WatchRun call returns. Default 500.</summary>
    public int WatchReadEvents { get; set; } = 500;

    /// <summary>Runs per ListRuns page when the request does not say. Default 50.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>The largest page ListRuns returns; larger requests are clamped. Default 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;
}
