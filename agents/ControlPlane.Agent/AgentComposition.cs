using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Configuration;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Docker;
using ControlPlane.Agent.Executors.Http;
using ControlPlane.Agent.Executors.Shell;
using ControlPlane.Agent.Executors.Sleep;
using ControlPlane.Agent.Logs.Batching;
using ControlPlane.Agent.Logs.Masking;
using ControlPlane.Agent.Processes;
using ControlPlane.Agent.Session;
using ControlPlane.Agent.State;
using ControlPlane.Contracts.Transport;
using ControlPlane.Contracts.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ControlPlane.Agent;

/// <summary>Builds the agent's object graph from its options; owns what must be disposed at exit.</summary>
internal sealed class AgentComposition : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly GrpcChannel _channel;
    private readonly OrphanWatchdog _watchdog;
    private readonly ContainerEngine _docker;
    private readonly HttpExecutor _http;

    private AgentComposition(ILoggerFactory loggers, GrpcChannel channel, OrphanWatchdog watchdog, ContainerEngine docker, HttpExecutor http, AgentHost host)
    {
        _docker = docker;
        _http = http;
        _loggers = loggers;
        _channel = channel;
        _watchdog = watchdog;
        Host = host;
    }

    public AgentHost Host { get; }

    public static AgentComposition Create(AgentOptions options, CancellationTokenSource stopping)
    {
        var loggers = CreateLoggers(options);
        var logger = loggers.CreateLogger("cp-agent");
        if (options.IsCleartextToRemote && !options.AllowCleartext)
        {
            AgentLog.CleartextServer(logger, options.Server);
        }

        var time = TimeProvider.System;
        var workDir = WorkDirectory.Prepare(options.WorkDir, options.StepAccount);
        var secrets = new AgentSecrets();
        var state = new AgentStateStore(Path.GetFullPath(options.StateDir));
        var channel = GrpcChannel.ForAddress(options.Server, new GrpcChannelOptions
        {
            HttpHandler = CreateHandler(options),
            DisposeHttpClient = true,
            // The session loop backs off on its own (and retries at least every quarter lease while it holds steps).
            // The channel's connection backoff, 120 s at most by default, would stack on it: after a server was down
            // for 7 s every reconnect failed at once for 8 s more, past the failover grace. So it stays at the minimum.
            InitialReconnectBackoff = options.ReconnectMinDelay,
            MaxReconnectBackoff = options.ReconnectMinDelay,
        });
        var client = new RunnerService.RunnerServiceClient(channel);
        var termination = new ProcessTerminationOptions { InterruptGrace = options.CancelGrace, TerminateGrace = options.CancelGrace };
        var shell = new ShellExecutor(new ShellExecutorOptions { WorkDirectory = workDir, Termination = termination, StepUser = options.StepAccount }, time);
        var docker = ContainerEngine.FromEnvironment();
        var dockerExecutor = new DockerExecutor(docker, new DockerExecutorOptions { WorkDirectory = workDir, StopGrace = options.CancelGrace, NetworkMode = options.DockerNetwork }, time);
        var http = new HttpExecutor(new HttpExecutorOptions(), time);
        var watchdog = OrphanWatchdog.Start();
        var steps = new StepRunner(shell, dockerExecutor, http, new SleepExecutor(time), options.Name, watchdog.Instance);
        var lifecycle = new AttemptLifecycle(steps, state, new LogBatcherOptions(), time, watchdog, logger) { Secrets = secrets, StepsRunAsOtherUser = options.StepAccount is not null };
        var attempts = new AttemptSupervisor(lifecycle, state, workDir, options.Capacity, logger, stopping.Token);
        var recovery = new AttemptRecovery(state, attempts, new ProcessReattacher(termination, time), new DockerJanitor(docker, options.Name), options.CancelGrace, logger);
        var registrar = new RunnerRegistrar(client, state, options, logger, secrets);
        var fence = new LeaseFence(time);
        var host = new AgentHost(options, registrar, attempts, recovery, () => new AgentSession(client, attempts, time, logger, fence), stopping, logger) { Fence = fence };
        return new AgentComposition(loggers, channel, watchdog, docker, http, host);
    }

    public ValueTask DisposeAsync()
    {
        _watchdog.Dispose();
        _http.Dispose();
        _docker.Dispose();
        _channel.Dispose();
        _loggers.Dispose();
        return ValueTask.CompletedTask;
    }

    private static SocketsHttpHandler CreateHandler(AgentOptions options) =>
        options.InsecureSkipTlsVerify ? GrpcHttpHandlers.CreateWithoutCertificateValidation()
        : options.CaCertificate is { } ca ? GrpcHttpHandlers.CreateTrusting(ca)
        : GrpcHttpHandlers.Create();

    private static ILoggerFactory CreateLoggers(AgentOptions options) => LoggerFactory.Create(logging =>
    {
        logging.SetMinimumLevel(Enum.Parse<LogLevel>(options.LogLevel, ignoreCase: true));
        if (options.LogFormat == "json")
        {
            logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            });
        }
    });
}
