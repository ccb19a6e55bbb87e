using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// Frames one response message into the response pipe. A marshaller that announces its length
/// (<see cref="SetPayloadLength"/>, as generated protobuf code does) writes straight into the pipe; one that does
/// not is buffered so its length can be written first. Reused for every message of a call.
/// </summary>
internal sealed class ResponseMessageWriter : SerializationContext, IBufferWriter<byte>
{
    private readonly int? _maxMessageSize;
    private PipeWriter? _output;
    private ArrayBufferWriter<byte>? _unsizedPayload;
    private int _declaredLength;
    private int _writtenLength;
    private bool _prefixWritten;
    private bool _completed;

    public ResponseMessageWriter(int? maxMessageSize)
    {
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>Runs the serializer; throws RESOURCE_EXHAUSTED before anything is written if the message is too large.</summary>
    public void Write<T>(T message, Action<T, SerializationContext> serializer, PipeWriter output)
    {
        _output = output;
        _declaredLength = -1;
        _writtenLength = 0;
        _prefixWritten = false;
        _completed = false;
        try
        {
            serializer(message, this);
            if (!_completed)
            {
                throw new InvalidOperationException("The response marshaller did not complete the message.");
            }
        }
        finally
        {
            _output = null;
            _unsizedPayload?.ResetWrittenCount();
        }
    }

    public override void SetPayloadLength(int payloadLength)
    {
        CheckSize(payloadLength);
        WritePrefix(payloadLength);
        _declaredLength = payloadLength;
    }

    public override IBufferWriter<byte> GetBufferWriter() =>
        _prefixWritten ? this : _unsizedPayload ??= new ArrayBufferWriter<byte>();

    public override void Complete()
    {
        if (_prefixWritten)
        {
            if (_writtenLength != _declaredLength)
            {
                throw new InvalidOperationException(
                    $"The response marshaller announced {_declaredLength} bytes but wrote {_writtenLength}.");
            }
        }
        else
        {
            var payload = _unsizedPayload is null ? default : _unsizedPayload.WrittenSpan;
            CheckSize(payload.Length);
            WritePrefix(payload.Length);
            Output.Write(payload);
        }

        _completed = true;
    }

    public override void Complete(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!_prefixWritten)
        {
            CheckSize(payload.Length);
            WritePrefix(payload.Length);
        }
        else if (payload.Length != _declaredLength)
        {
            throw new InvalidOperationException(
                $"The response marshaller announced {_declaredLength} bytes but completed with {payload.Length}.");
        }

        Output.Write(payload);
        _completed = true;
    }

    void IBufferWriter<byte>.Advance(int count)
    {
        _writtenLength += count;
        Output.Advance(count);
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint) => Output.GetMemory(sizeHint);

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => Output.GetSpan(sizeHint);

    private PipeWriter Output => _output ?? throw new InvalidOperationException("No message is being written.");

    private void CheckSize(int length)
    {
        if (length > _maxMessageSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({length} > {_maxMessageSize} bytes)."));
        }
    }

    private void WritePrefix(int length)
    {
        if (_prefixWritten)
        {
            throw new InvalidOperationException("The response marshaller set the payload length twice.");
        }

        var prefix = Output.GetSpan(GrpcProtocol.MessagePrefixLength);
        prefix[0] = 0; // responses are never compressed
        BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)length);
        Output.Advance(GrpcProtocol.MessagePrefixLength);
        _prefixWritten = true;
    }
}
