namespace ControlPlane.Grpc.Server.Tests.Wire;

/// <summary>One HTTP/2 frame as read off a raw connection (RFC 9113 section 4.1).</summary>
internal sealed record Http2Frame(byte Type, byte Flags, int StreamId, byte[] Payload)
{
    public const byte Data = 0x0;
    public const byte Headers = 0x1;
    public const byte RstStream = 0x3;
    public const byte Settings = 0x4;
    public const byte Ping = 0x6;
    public const byte GoAway = 0x7;
    public const byte WindowUpdate = 0x8;

    public const byte EndStreamFlag = 0x1;
    public const byte AckFlag = 0x1;
    public const byte EndHeadersFlag = 0x4;

    public bool EndsStream => (Type is Data or Headers) && (Flags & EndStreamFlag) != 0;
}
