namespace ControlPlane.Core.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is. Only errors make a definition unusable.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}
