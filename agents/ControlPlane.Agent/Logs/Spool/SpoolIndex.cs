namespace ControlPlane.Agent.Logs.Spool;

/// <summary>
/// The in-memory view of the index: stream runs in offset order, consecutive records of the same stream merged, so
/// memory grows with stream switches, not with the number of writes.
/// </summary>
internal sealed class SpoolIndex
{
    private readonly List<SpoolSegment> _runs = [];

    public long EndOffset => _runs.Count == 0 ? 0 : _runs[^1].EndOffset;

    public void Add(SpoolSegment segment)
    {
        if (_runs.Count > 0 && _runs[^1].Stream == segment.Stream && _runs[^1].EndOffset == segment.Offset)
        {
            _runs[^1] = _runs[^1] with { Length = _runs[^1].Length + segment.Length };
        }
        else
        {
            _runs.Add(segment);
        }
    }

    /// <summary>The parts of runs overlapping [<paramref name="offset"/>, <paramref name="end"/>), clipped to it.</summary>
    public IEnumerable<SpoolSegment> Overlapping(long offset, long end)
    {
        var low = 0;
        var high = _runs.Count - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_runs[middle].EndOffset <= offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < _runs.Count && _runs[i].Offset < end; i++)
        {
            var start = Math.Max(offset, _runs[i].Offset);
            var stop = Math.Min(end, _runs[i].EndOffset);
            if (stop > start)
            {
                yield return new SpoolSegment(start, stop - start, _runs[i].Stream);
            }
        }
    }
}
