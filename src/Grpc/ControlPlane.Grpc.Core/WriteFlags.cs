namespace Grpc.Core;

/// <summary>Hints for how a message is written.</summary>
[Flags]
public enum WriteFlags
{
    BufferHint = 0x1,
    NoCompress = 0x2,
}
