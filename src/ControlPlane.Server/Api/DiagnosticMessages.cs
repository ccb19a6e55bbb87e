using ControlPlane.Core.Diagnostics;
using ProtoDiagnostic = ControlPlane.Contracts.V1.Diagnostic;
using ProtoSeverity = ControlPlane.Contracts.V1.DiagnosticSeverity;

namespace ControlPlane.Server.Api;

/// <summary>Maps diagnostics to their wire form.</summary>
public static class DiagnosticMessages
{
    public static ProtoDiagnostic ToProto(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return new ProtoDiagnostic
        {
            Code = diagnostic.Code,
            Severity = diagnostic.IsError ? ProtoSeverity.Error : ProtoSeverity.Warning,
            File = diagnostic.Location.File,
            Line = diagnostic.Location.Line,
            Column = diagnostic.Location.Column,
            FieldPath = diagnostic.Path,
            Message = diagnostic.Message,
            Text = diagnostic.ToString(),
        };
    }
}
