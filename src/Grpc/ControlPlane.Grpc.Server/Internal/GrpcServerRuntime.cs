using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>What every call handler of a server shares: options, logger and clock.</summary>
internal sealed class GrpcServerRuntime(GrpcServiceOptions options, ILogger logger, TimeProvider timeProvider)
{
    public const string LoggerCategory = "Grpc.AspNetCore.Server.ServerCallHandler";

    public GrpcServiceOptions Options { get; } = options;

    public ILogger Logger { get; } = logger;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public bool HasInterceptors => Options.Interceptors.Count > 0;
}
