using System.Buffers;

namespace ControlPlane.Agent.Logs.Masking;

/// <summary>
/// The secrets one step may read, in every form that is masked (see <see cref="SecretForms"/>). Immutable and shared;
/// each output stream gets its own <see cref="StreamMasker"/>, because a secret split across reads stays within one
/// stream. Every maximal run of overlapping matches becomes one <c>***</c>.
/// </summary>
public sealed class SecretMasker
{
    private readonly Dictionary<byte, byte[][]> _formsByFirstByte;

    public SecretMasker(IEnumerable<string> secrets)
    {
        var forms = secrets
            .SelectMany(SecretForms.Of)
            .DistinctBy(Convert.ToBase64String)
            .ToList();
        _formsByFirstByte = forms.GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.ToArray());
        FirstBytes = SearchValues.Create([.. _formsByFirstByte.Keys]);
        MaxFormLength = forms.Count == 0 ? 0 : forms.Max(f => f.Length);
        FormCount = forms.Count;
    }

    /// <summary>Masks nothing.</summary>
    public static SecretMasker None { get; } = new([]);

    /// <summary>What a secret is replaced with.</summary>
    public static ReadOnlySpan<byte> Replacement => "***"u8;

    /// <summary>The longest masked form in bytes; a stream holds back at most this many bytes minus one to wait for the rest.</summary>
    public int MaxFormLength { get; }

    /// <summary>How many distinct byte strings are masked.</summary>
    public int FormCount { get; }

    internal SearchValues<byte> FirstBytes { get; }

    /// <summary>A masker for one stream.</summary>
    public StreamMasker CreateStreamMasker() => new(this);

    /// <summary>Masks a complete text at once (what a stream masker produces for the same bytes in any chunking).</summary>
    public byte[] Mask(ReadOnlySpan<byte> text)
    {
        var output = new ArrayBufferWriter<byte>(text.Length);
        var masker = CreateStreamMasker();
        masker.Write(text, output);
        masker.Complete(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The longest form matching at <paramref name="position"/>, and whether a longer form could still match once
    /// more bytes arrive (never when <paramref name="final"/>).
    /// </summary>
    internal (int Length, bool Undecided) MatchAt(ReadOnlySpan<byte> text, int position, bool final)
    {
        if (!_formsByFirstByte.TryGetValue(text[position], out var forms))
        {
            return (0, false);
        }

        var available = text[position..];
        var longest = 0;
        var undecided = false;
        foreach (var form in forms)
        {
            if (form.Length <= available.Length)
            {
                if (form.Length > longest && available.StartsWith(form))
                {
                    longest = form.Length;
                }
            }
            else if (!final && form.AsSpan().StartsWith(available))
            {
                undecided = true;
            }
        }

        return (longest, undecided);
    }
}
