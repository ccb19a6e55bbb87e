using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace ControlPlane.Server.Notifications;

/// <summary>
/// One Polly circuit breaker per endpoint, so a dead endpoint costs nothing while its circuit is open (calls fail at
/// once with <see cref="BrokenCircuitException"/>, no request is made) and other endpoints are not affected. After
/// the break one probe goes through (half-open); its success closes the circuit. Breakers live in memory: after a
/// restart every circuit starts closed.
/// </summary>
public sealed class EndpointBreakers
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<WebhookResult>> _pipelines = new(StringComparer.Ordinal);
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public EndpointBreakers(NotificationOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <param name="endpoint">The endpoint's name as logged (never a URL kept in the environment).</param>
    public ResiliencePipeline<WebhookResult> For(string key, string endpoint) => _pipelines.GetOrAdd(key, _ => Build(endpoint));

    private ResiliencePipeline<WebhookResult> Build(string endpoint) =>
        new ResiliencePipelineBuilder<WebhookResult> { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<WebhookResult>
            {
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Succeeded: false } || args.Outcome.Exception is not (null or OperationCanceledException)),
                OnOpened = args =>
                {
                    NotificationLog.CircuitOpened(_logger, endpoint, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    NotificationLog.CircuitClosed(_logger, endpoint);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
