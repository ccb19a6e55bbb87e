using System.Net;
using System.Net.Sockets;
using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Http;
using ControlPlane.Agent.Tests.Executors.Support;

namespace ControlPlane.Agent.Tests.Executors.Http;

public sealed class HttpExecutorTests : IAsyncLifetime, IDisposable
{
    private readonly StepLogSink _sink = new();
    private HttpExecutor _executor = null!;
    private HttpTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _executor = new HttpExecutor(new HttpExecutorOptions { MaxLoggedBodyBytes = 1000, MaxBodyOutputBytes = 100 }, TimeProvider.System);
        _server = await HttpTestServer.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _executor.Dispose();

    [Fact]
    public async Task A_2xx_response_succeeds_with_a_status_line_the_body_on_stdout_and_status_and_body_outputs()
    {
        var result = await RunAsync(Step("GET", "/hello"));

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Equal("hello from kestrel", _sink.StdoutText);
        Assert.Matches($"^GET {_server.Url("/hello")} → 200 OK \\([0-9]+ ms\\)\n$", _sink.SystemText);
        Assert.Equal(new Dictionary<string, string> { ["status"] = "200", ["body"] = "hello from kestrel" }, result.Outputs);
    }

    [Fact]
    public async Task An_unexpected_status_fails_the_step_as_an_error_naming_expected_and_got()
    {
        var result = await RunAsync(Step("GET", "/status/404"));

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.Null(result.ExitCode);
        Assert.Equal("Expected status any 2xx, got 404 Not Found.", result.Error);
        Assert.Equal("404", result.Outputs["status"]);
        Assert.Equal("status 404", _sink.StdoutText);
    }

    [Theory]
    [InlineData(404, true)]
    [InlineData(410, true)]
    [InlineData(200, false)]
    public async Task The_expected_status_list_replaces_the_2xx_rule(int status, bool succeeds)
    {
        var result = await RunAsync(Step("GET", $"/status/{status}") with { ExpectedStatuses = [404, 410] });

        Assert.Equal(succeeds ? StepOutcome.Succeeded : StepOutcome.Failed, result.Outcome);
        Assert.Equal(succeeds ? null : "Expected status 404 or 410, got 200 OK.", result.Error);
    }

    [Fact]
    public async Task Method_headers_content_type_and_body_are_sent()
    {
        var step = Step("put", "/echo") with
        {
            Headers = new Dictionary<string, string> { ["X-Trace"] = "abc-123", ["Content-Type"] = "application/json" },
            Body = """{"n":1}""",
        };

        var result = await RunAsync(step);

        Assert.Equal("""PUT|abc-123|application/json|{"n":1}""", result.Outputs["body"]);
    }

    [Fact]
    public async Task A_long_body_is_cut_off_in_the_log_and_in_the_output_with_a_note()
    {
        var result = await RunAsync(Step("GET", "/big/5000"));

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal(1000, _sink.Stdout.Length);
        Assert.Equal(100, result.Outputs["body"].Length);
        Assert.StartsWith("abcdefghijklmnopqrstuvwxyzabcd", result.Outputs["body"], StringComparison.Ordinal);
        Assert.Contains("cut off after 1000 bytes", _sink.SystemText, StringComparison.Ordinal);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public async Task A_refused_connection_is_an_error_result()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await RunAsync(new HttpStep(Attempt(), "GET", $"http://127.0.0.1:{port}/"));

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.StartsWith($"GET http://127.0.0.1:{port}/ failed after", result.Error, StringComparison.Ordinal);
        Assert.Contains("refused", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_request_that_outlives_its_request_timeout_times_out()
    {
        var result = await RunAsync(Step("GET", "/hang") with { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal(StepOutcome.TimedOut, result.Outcome);
        Assert.Equal(FailureClass.Timeout, result.FailureClass);
        Assert.Contains("the request timeout", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_request_in_flight_cancels_the_step()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var result = await RunAsync(Step("GET", "/hang"), cancel.Token);

        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.Equal(FailureClass.Cancelled, result.FailureClass);
    }

    [Theory]
    [InlineData("GET", "ftp://example.com/", "url 'ftp://example.com/'")]
    [InlineData("GET", "/relative", "url '/relative'")]
    [InlineData("GE T", "http://127.0.0.1/", "method 'GE T'")]
    public async Task A_request_that_cannot_be_sent_is_refused_naming_the_field(string method, string url, string named)
    {
        var result = await RunAsync(new HttpStep(Attempt(), method, url));

        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.StartsWith(named, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_and_password_in_the_url_stay_out_of_the_log()
    {
        var url = new UriBuilder(_server.Url("/hello")) { UserName = "me", Password = "hunter2" }.Uri.AbsoluteUri;

        await RunAsync(new HttpStep(Attempt(), "GET", url));

        Assert.DoesNotContain("hunter2", _sink.SystemText, StringComparison.Ordinal);
        Assert.Contains("→ 200 OK", _sink.SystemText, StringComparison.Ordinal);
    }

    private static AttemptKey Attempt() => new("run-h", "step-h", 1);

    private HttpStep Step(string method, string path) => new(Attempt(), method, _server.Url(path));

    private async Task<StepResult> RunAsync(HttpStep step, CancellationToken cancellationToken = default)
    {
        var result = await _executor.RunAsync(step, _sink, cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.False(_sink.OverlappingCallSeen, "the sink was called concurrently");
        return result;
    }
}
