namespace ControlPlane.Core.Storage;

/// <summary>
/// Whether the store can write, as its latest write found it: unwritable from a write that failed with
/// <see cref="StoreUnwritableException"/> until a write commits again. Thread-safe; <see cref="Changed"/> is raised
/// outside the lock, once per change.
/// </summary>
public sealed class StoreWriteHealth
{
    private readonly Lock _gate = new();
    private StoreUnwritableException? _failure;
    private long _outages;

    /// <summary>Raised when the store becomes unwritable or writable again.</summary>
    public event Action<StoreWriteHealth>? Changed;

    /// <summary>Why the store cannot write, or null while it can.</summary>
    public StoreUnwritableException? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    public bool IsWritable => Failure is null;

    /// <summary>How many times the store went from writable to unwritable, so a reader can tell an outage it has not handled.</summary>
    public long Outages
    {
        get
        {
            lock (_gate)
            {
                return _outages;
            }
        }
    }

    /// <summary>A write failed because the database cannot be written.</summary>
    public void ReportFailure(StoreUnwritableException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        bool changed;
        lock (_gate)
        {
            changed = _failure is null || _failure.Cause != failure.Cause;
            if (_failure is null)
            {
                _outages++;
            }

            _failure = failure;
        }

        if (changed)
        {
            Changed?.Invoke(this);
        }
    }

    /// <summary>A write unit of work committed.</summary>
    public void ReportCommitted()
    {
        bool changed;
        lock (_gate)
        {
            changed = _failure is not null;
            _failure = null;
        }

        if (changed)
        {
            Changed?.Invoke(this);
        }
    }
}
