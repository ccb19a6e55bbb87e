namespace Grpc.Core;

/// <summary>Options for one call: headers, deadline, cancellation and write options.</summary>
public readonly struct CallOptions
{
    public CallOptions(
        Metadata? headers = null,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default,
        WriteOptions? writeOptions = null,
        ContextPropagationToken? propagationToken = null,
        CallCredentials? credentials = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        WriteOptions = writeOptions;
        PropagationToken = propagationToken;
        Credentials = credentials;
    }

    public Metadata? Headers { get; }

    /// <summary>The call's deadline in UTC, or null for none.</summary>
    public DateTime? Deadline { get; }

    public CancellationToken CancellationToken { get; }

    public WriteOptions? WriteOptions { get; }

    public ContextPropagationToken? PropagationToken { get; }

    public CallCredentials? Credentials { get; }

    public CallOptions WithHeaders(Metadata headers) =>
        new(headers, Deadline, CancellationToken, WriteOptions, PropagationToken, Credentials);

    public CallOptions WithDeadline(DateTime deadline) =>
        new(Headers, deadline, CancellationToken, WriteOptions, PropagationToken, Credentials);

    public CallOptions WithCancellationToken(CancellationToken cancellationToken) =>
        new(Headers, Deadline, cancellationToken, WriteOptions, PropagationToken, Credentials);

    public CallOptions WithWriteOptions(WriteOptions writeOptions) =>
        new(Headers, Deadline, CancellationToken, writeOptions, PropagationToken, Credentials);
}
