namespace Grpc.Core;

/// <summary>A stream of messages read one at a time; <see cref="MoveNext"/> must not be called concurrently.</summary>
public interface IAsyncStreamReader<out T>
{
    T Current { get; }

    Task<bool> MoveNext(CancellationToken cancellationToken);
}
