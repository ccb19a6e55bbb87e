namespace Grpc.Core;

/// <summary>A stream of messages written one at a time; a write must complete before the next starts.</summary>
public interface IAsyncStreamWriter<in T>
{
    WriteOptions? WriteOptions { get; set; }

    Task WriteAsync(T message);

    Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            throw new NotSupportedException("This writer does not support cancelling a single write.");
        }

        return WriteAsync(message);
    }
}
