namespace ControlPlane.Core.Logs;

/// <summary>Which output a log chunk came from. All streams of an attempt share one byte numbering.</summary>
public enum LogStream
{
    Stdout,
    Stderr,

    /// <summary>Lines the runner itself writes (setup, image pulls, cancellation).</summary>
    System,
}
