using System.Globalization;
using System.Net;
using ControlPlane.Agent.Logs;

namespace ControlPlane.Agent.Executors.Http;

/// <summary>
/// Runs http steps: one request, a system line with method, URL, status and time, the response body to stdout
/// (bounded), outputs <c>status</c> and <c>body</c>. A status outside the expected ones fails the step with failure
/// class error (there is no process exit code). One pooled client serves every step; safe for concurrent steps.
/// </summary>
public sealed class HttpExecutor : IDisposable
{
    private readonly HttpClient _client;
    private readonly HttpExecutorOptions _options;
    private readonly TimeProvider _timeProvider;

    public HttpExecutor(HttpExecutorOptions options, TimeProvider timeProvider)
    {
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.All,
        };

        // Timeouts are the step's own (request and step), applied through tokens.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends the request and reads the response.</summary>
    /// <param name="cancellationToken">Cancels the step; the result is <see cref="StepOutcome.Cancelled"/>.</param>
    /// <returns>
    /// The result: a bad request definition or a transport failure is <see cref="FailureClass.Error"/>, a request or
    /// step timeout <see cref="FailureClass.Timeout"/>; never an exception for those.
    /// </returns>
    public async Task<StepResult> RunAsync(HttpStep step, IStepOutputSink sink, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return StepResult.CancelledBeforeStart();
        }

        using var serialized = new SerializedSink(sink);
        HttpRequestMessage request;
        try
        {
            request = HttpRequestFactory.Create(step);
        }
        catch (StepSetupException ex)
        {
            return StepResult.CouldNotRun(ex.Message);
        }

        using (request)
        using (var stepTimeout = NewTimeout(step.Timeout))
        using (var requestTimeout = NewTimeout(step.RequestTimeout))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stepTimeout.Token, requestTimeout.Token))
        {
            var what = $"{request.Method} {HttpRequestFactory.Printable(request.RequestUri!)}";
            var started = _timeProvider.GetTimestamp();
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                await serialized.WriteSystemLineAsync($"{what} → {status} {response.ReasonPhrase} ({Milliseconds(started)} ms)", linked.Token);

                // The request timeout covers the wait for the response; the body is bounded by the step timeout alone.
                using var bodyToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stepTimeout.Token);
                await using var stream = await response.Content.ReadAsStreamAsync(bodyToken.Token);
                var body = await ResponseBody.ReadAsync(stream, serialized, _options.MaxLoggedBodyBytes, _options.MaxBodyOutputBytes, bodyToken.Token);
                await serialized.CompleteAsync(LogStream.Stdout, bodyToken.Token);
                await serialized.CompleteAsync(LogStream.Stderr, bodyToken.Token);
                if (body.LogTruncated)
                {
                    await serialized.WriteSystemLineAsync($"The response body was cut off after {body.LoggedBytes} bytes (the log limit); the rest was not read.", bodyToken.Token);
                }

                return Judge(step, status, response.ReasonPhrase, body);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                return await StoppedAsync(serialized, what, started, stepTimeout, step, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                var message = $"{what} failed after {Milliseconds(started)} ms: {ex.Message}";
                await TryWriteAsync(serialized, message);
                return StepResult.CouldNotRun(message);
            }
            catch (IOException ex)
            {
                var message = $"{what}: reading the response failed after {Milliseconds(started)} ms: {ex.Message}";
                await TryWriteAsync(serialized, message);
                return StepResult.CouldNotRun(message);
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private static StepResult Judge(HttpStep step, int status, string? reason, ResponseBody body)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
            ["body"] = body.Head,
        };
        IReadOnlyList<string> warnings = body.HeadTruncated ? ["The body output holds only the start of the response body (the output limit)."] : [];
        var expected = step.ExpectedStatuses.Count == 0 ? status is >= 200 and < 300 : step.ExpectedStatuses.Contains(status);
        if (expected)
        {
            return new StepResult(StepOutcome.Succeeded, FailureClass.None, null, null, outputs, warnings);
        }

        var wanted = step.ExpectedStatuses.Count == 0 ? "any 2xx" : string.Join(" or ", step.ExpectedStatuses);
        return new StepResult(StepOutcome.Failed, FailureClass.Error, null, null, outputs, warnings, $"Expected status {wanted}, got {status} {reason}.");
    }

    private async Task<StepResult> StoppedAsync(SerializedSink sink, string what, long started, CancellationTokenSource stepTimeout, HttpStep step, CancellationToken cancelled)
    {
        if (cancelled.IsCancellationRequested)
        {
            await TryWriteAsync(sink, $"{what} cancelled after {Milliseconds(started)} ms");
            return new StepResult(StepOutcome.Cancelled, FailureClass.Cancelled, null, null, new Dictionary<string, string>(), []);
        }

        var which = stepTimeout.IsCancellationRequested ? $"the step timeout ({step.Timeout})" : $"the request timeout ({step.RequestTimeout})";
        var message = $"{what} timed out after {Milliseconds(started)} ms: {which}";
        await TryWriteAsync(sink, message);
        return new StepResult(StepOutcome.TimedOut, FailureClass.Timeout, null, null, new Dictionary<string, string>(), [], message);
    }

    private static async Task TryWriteAsync(SerializedSink sink, string line)
    {
        try
        {
            await sink.WriteSystemLineAsync(line, CancellationToken.None);
        }
        catch (Exception)
        {
            // The result carries the same message; a failing sink must not hide it.
        }
    }

    private CancellationTokenSource NewTimeout(TimeSpan? limit) =>
        limit is { } value ? new CancellationTokenSource(value, _timeProvider) : new CancellationTokenSource();

    private string Milliseconds(long started) =>
        _timeProvider.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
