namespace ControlPlane.Agent.Logs.Masking;

/// <summary>
/// The agent's own credentials (runner token, registration token), added as they become known and masked in every
/// step's log. Safe for concurrent use: readers see a snapshot.
/// </summary>
public sealed class AgentSecrets
{
    private readonly Lock _gate = new();
    private string[] _values = [];

    /// <summary>The secrets known so far.</summary>
    public IReadOnlyList<string> Values => Volatile.Read(ref _values);

    /// <summary>Adds a secret; null, empty and known ones are ignored.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        lock (_gate)
        {
            if (!_values.Contains(secret, StringComparer.Ordinal))
            {
                Volatile.Write(ref _values, [.. _values, secret]);
            }
        }
    }
}
