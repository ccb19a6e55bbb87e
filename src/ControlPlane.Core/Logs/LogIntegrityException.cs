using ControlPlane.Core.Attempts;
using ControlPlane.Core.Storage;

namespace ControlPlane.Core.Logs;

/// <summary>The log held for an attempt contradicts what its runner declared: a checksum mismatch, or bytes past the declared length.</summary>
public sealed class LogIntegrityException : StoreException
{
    public LogIntegrityException(AttemptId attempt, string problem)
        : base($"Log of attempt {attempt}: {problem}.")
    {
        Attempt = attempt;
    }

    public AttemptId Attempt { get; }
}
