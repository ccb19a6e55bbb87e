using System.Buffers;

namespace ControlPlane.Agent.Logs.Masking;

/// <summary>
/// Masks one output stream as it arrives in chunks of any size, producing exactly what masking the whole stream at
/// once would (chunking never changes the output). Bytes are emitted as soon as no secret form can cover them; only a
/// tail that could still become a secret is held back (fewer than <see cref="SecretMasker.MaxFormLength"/> bytes, or a
/// run of overlapping matches still growing), and <see cref="Complete"/> releases it at end of stream. Emitted bytes
/// are final: a match is never looked for inside output already emitted, and a run of matches longer than the hold
/// cap is emitted as <c>***</c> early and continued silently, so memory stays bounded. Not thread-safe: one per stream.
/// </summary>
public sealed class StreamMasker
{
    private readonly SecretMasker _masker;
    private readonly int _holdCap;
    private byte[] _buffer = [];
    private int _length;

    // The first _openRun bytes of _buffer were already emitted inside a "***" whose run may still extend.
    private int _openRun;

    internal StreamMasker(SecretMasker masker, int? holdCap = null)
    {
        _masker = masker;
        _holdCap = holdCap ?? Math.Max(64 * 1024, 4 * masker.MaxFormLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(_holdCap, 2 * masker.MaxFormLength);
    }

    /// <summary>Bytes received but not yet emitted (a possible secret's beginning).</summary>
    public int HeldBytes => _length - _openRun;

    /// <summary>Masks <paramref name="chunk"/> and writes what is decided to <paramref name="output"/>.</summary>
    public void Write(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        Append(chunk);
        Process(final: false, output);
    }

    /// <summary>End of stream: everything held is decided now and written.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        Process(final: true, output);
        _length = 0;
        _openRun = 0;
    }

    private void Process(bool final, IBufferWriter<byte> output)
    {
        var text = _buffer.AsSpan(0, _length);
        var position = 0;
        if (_openRun > 0 && !TryFinishRun(text, 0, _openRun, emitted: true, final, output, out position))
        {
            return;
        }

        while (position < text.Length)
        {
            var (length, undecided) = _masker.MatchAt(text, position, final);
            if (length == 0 && !undecided)
            {
                var next = text[(position + 1)..].IndexOfAny(_masker.FirstBytes);
                var plainEnd = next < 0 ? text.Length : position + 1 + next;
                output.Write(text[position..plainEnd]);
                position = plainEnd;
            }
            else if (length == 0)
            {
                // Possibly the beginning of a secret: fewer than MaxFormLength bytes wait for more.
                Keep(position, 0);
                return;
            }
            else if (!TryFinishRun(text, position, position + length, emitted: false, final, output, out position))
            {
                return;
            }
        }

        Keep(text.Length, 0);
    }

    /// <summary>
    /// Decides where the run of matches starting at <paramref name="start"/> ends and writes its <c>***</c> (unless
    /// <paramref name="emitted"/> already); false when that cannot be decided yet, with the state kept for later.
    /// </summary>
    private bool TryFinishRun(ReadOnlySpan<byte> text, int start, int end, bool emitted, bool final, IBufferWriter<byte> output, out int runEnd)
    {
        var undecided = false;
        runEnd = end;
        for (var position = start; position < runEnd && !undecided; position++)
        {
            var (length, open) = _masker.MatchAt(text, position, final);
            undecided = open;
            runEnd = Math.Max(runEnd, position + length);
        }

        if (!undecided || text.Length - start > _holdCap)
        {
            if (!emitted)
            {
                output.Write(SecretMasker.Replacement);
            }

            if (!undecided)
            {
                return true;
            }

            // The run keeps growing past the hold cap: its "***" is out; keep only the context it may extend from.
            var context = Math.Max(start, runEnd - (_masker.MaxFormLength - 1));
            Keep(context, runEnd - context);
            return false;
        }

        // Wait for more bytes; what the run already covers counts as emitted only if its "***" was written.
        Keep(start, emitted ? runEnd - start : 0);
        return false;
    }

    // Keeps _buffer[from.._length) (what came before was emitted); its first openRun bytes lie inside an emitted run.
    private void Keep(int from, int openRun)
    {
        var remaining = _length - from;
        Array.Copy(_buffer, from, _buffer, 0, remaining);
        _length = remaining;
        _openRun = openRun;
    }

    private void Append(ReadOnlySpan<byte> chunk)
    {
        if (_length + chunk.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + chunk.Length, _buffer.Length * 2));
        }

        chunk.CopyTo(_buffer.AsSpan(_length));
        _length += chunk.Length;
    }
}
