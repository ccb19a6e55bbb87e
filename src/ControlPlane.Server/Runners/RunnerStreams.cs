using ControlPlane.Contracts.V1;
using ControlPlane.Server.Auth;
using ControlPlane.Server.Scheduling.Runners;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Runners;

/// <summary>
/// Serves Connect: authenticates the runner token before anything else, requires a RunnerHello first, opens the
/// session with the welcome, runs the stream, and closes the session however the stream ends. When the server shuts
/// down, tells the agent (<see cref="ServerClosing"/>) and ends the stream with UNAVAILABLE once the agent has ended its
/// side or <see cref="RunnerProtocolOptions.ClosingGrace"/> has passed, so graceful shutdown waits on no stream longer.
/// </summary>
public sealed class RunnerStreams
{
    private readonly RunnerAuthenticator _authenticator;
    private readonly RunnerHandshake _handshake;
    private readonly AgentMessageHandler _handler;
    private readonly CommandTranslator _translator;
    private readonly RunnerConnector _connector;
    private readonly RunnerRegistry _registry;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<RunnerStreams> _logger;
    private readonly TimeSpan _closingGrace;

    public RunnerStreams(
        RunnerAuthenticator authenticator,
        RunnerHandshake handshake,
        AgentMessageHandler handler,
        CommandTranslator translator,
        RunnerConnector connector,
        RunnerRegistry registry,
        IHostApplicationLifetime lifetime,
        IOptions<RunnerProtocolOptions> options,
        ILogger<RunnerStreams> logger)
    {
        _closingGrace = options.Value.ClosingGrace;
        _authenticator = authenticator;
        _handshake = handshake;
        _handler = handler;
        _translator = translator;
        _connector = connector;
        _registry = registry;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <exception cref="AuthThrottledException">The caller's address failed authentication too often lately.</exception>
    /// <exception cref="RunnerAuthenticationException">No valid runner token.</exception>
    /// <exception cref="RunnerProtocolViolationException">The first message is not a RunnerHello.</exception>
    /// <exception cref="RunnerSessionEndedException">The server ended the stream (runner lost, replaced, shutdown).</exception>
    public async Task ServeAsync(IAsyncStreamReader<ConnectRequest> requests, IServerStreamWriter<ConnectResponse> responses, ServerCallContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime.ApplicationStopping);
        var runner = await _authenticator.AuthenticateAsync(context.RequestHeaders, ClientAddress.Of(context), stop.Token);
        if (!await requests.MoveNext(stop.Token))
        {
            throw new RunnerProtocolViolationException("The stream ended before its first message, which must be a RunnerHello.");
        }

        if (requests.Current.MessageCase != ConnectRequest.MessageOneofCase.Hello)
        {
            throw new RunnerProtocolViolationException($"The first message must be a RunnerHello, not {requests.Current.MessageCase}.");
        }

        var (session, welcome) = await _handshake.OpenAsync(runner, requests.Current.Hello, stop.Token);
        var reason = "the runner closed its stream";
        try
        {
            await responses.WriteAsync(new ConnectResponse { Welcome = welcome });
            var end = await new RunnerStream(session, _handler, _translator).RunAsync(requests, responses, _closingGrace, _lifetime.ApplicationStopping, context.CancellationToken);
            if (_lifetime.ApplicationStopping.IsCancellationRequested)
            {
                reason = "the server is shutting down";
                throw new RunnerSessionEndedException(SessionEndReason.ServerShutdown, "The server is shutting down; reconnect later.");
            }

            if (end == StreamEnd.SessionClosed)
            {
                var replaced = _registry.TryGet(session.RunnerId, out var current) && current != session;
                reason = replaced ? "replaced by a newer stream" : "declared lost";
                throw replaced
                    ? new RunnerSessionEndedException(SessionEndReason.Replaced, "A newer Connect of this runner replaced this stream.")
                    : new RunnerSessionEndedException(SessionEndReason.RunnerLost, "The runner was declared lost (no heartbeat within the lease duration); its attempts are placed elsewhere. Reconnect.");
            }
        }
        catch (RunnerNotConnectedException)
        {
            reason = "declared lost";
            throw new RunnerSessionEndedException(SessionEndReason.RunnerLost, "The runner was declared lost (no heartbeat within the lease duration); its attempts are placed elsewhere. Reconnect.");
        }
        catch (OperationCanceledException) when (_lifetime.ApplicationStopping.IsCancellationRequested)
        {
            reason = "the server is shutting down";
            throw new RunnerSessionEndedException(SessionEndReason.ServerShutdown, "The server is shutting down; reconnect later.");
        }
        catch (Exception e) when (e is not (OperationCanceledException or RunnerSessionEndedException))
        {
            reason = e.Message;
            RunnerProtocolLog.StreamFailed(_logger, e, session.RunnerId.Value);
            throw;
        }
        finally
        {
            // Attempts keep their leases: a runner that comes back in time reattaches to them.
            await _connector.DisconnectAsync(session, CancellationToken.None);
            RunnerProtocolLog.StreamEnded(_logger, session.RunnerId.Value, reason);
        }
    }
}
