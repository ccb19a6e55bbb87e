using System.Collections;

namespace Grpc.Core;

/// <summary>
/// Ordered key/value pairs sent as HTTP/2 headers or trailers. Keys are lower-case; a key ending in
/// <c>-bin</c> carries bytes (base64 on the wire), any other key carries printable ASCII.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    public static readonly Metadata Empty = new Metadata().Freeze();

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    public int Count => _entries.Count;

    public bool IsReadOnly => _readOnly;

    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckWriteable();
            _entries[index] = value;
        }
    }

    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].KeyEquals(key))
            {
                return _entries[i];
            }
        }

        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.KeyEquals(key))
            {
                yield return entry;
            }
        }
    }

    public void Add(string key, string value) => Add(new Entry(key, value));

    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWriteable();
        _entries.Add(item);
    }

    public int IndexOf(Entry item) => _entries.IndexOf(item);

    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWriteable();
        _entries.Insert(index, item);
    }

    public void RemoveAt(int index)
    {
        CheckWriteable();
        _entries.RemoveAt(index);
    }

    public void Clear()
    {
        CheckWriteable();
        _entries.Clear();
    }

    public bool Contains(Entry item) => _entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    public bool Remove(Entry item)
    {
        CheckWriteable();
        return _entries.Remove(item);
    }

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    internal Metadata Freeze()
    {
        _readOnly = true;
        return this;
    }

    private void CheckWriteable()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("Metadata object is read-only.");
        }
    }

    /// <summary>One metadata entry; immutable.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, byte[] valueBytes)
        {
            ArgumentNullException.ThrowIfNull(valueBytes);
            Key = NormalizeKey(key);
            if (!Key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Key '{Key}' must end with '{BinaryHeaderSuffix}' to carry a binary value.", nameof(key));
            }

            _valueBytes = (byte[])valueBytes.Clone();
        }

        public Entry(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key);
            if (Key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Key '{Key}' ends with '{BinaryHeaderSuffix}' and must carry a binary value.", nameof(key));
            }

            _value = value;
        }

        public string Key { get; }

        /// <summary>The bytes of the value (a copy); for an ASCII entry, its ASCII encoding.</summary>
        public byte[] ValueBytes => _valueBytes is null
            ? System.Text.Encoding.ASCII.GetBytes(_value!)
            : (byte[])_valueBytes.Clone();

        public string Value => _value
            ?? throw new InvalidOperationException($"Entry '{Key}' is binary; use ValueBytes.");

        public bool IsBinary => _valueBytes is not null;

        public override string ToString()
        {
            return IsBinary
                ? $"[Entry: key={Key}, valueBytes=[{_valueBytes!.Length} bytes]]"
                : $"[Entry: key={Key}, value={_value}]";
        }

        internal bool KeyEquals(string key) => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

        private static string NormalizeKey(string key)
        {
            ArgumentNullException.ThrowIfNull(key);
            var normalized = key.ToLowerInvariant();
            if (normalized.Length == 0)
            {
                throw new ArgumentException("Metadata key must not be empty.", nameof(key));
            }

            foreach (var c in normalized)
            {
                var valid = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
                if (!valid)
                {
                    throw new ArgumentException($"Metadata key '{key}' contains '{c}'; keys may use only a-z, 0-9, '-', '_' and '.'.", nameof(key));
                }
            }

            return normalized;
        }
    }
}
