using System.Globalization;
using ControlPlane.Agent.Configuration;
using ControlPlane.Agent.Logs.Masking;
using ControlPlane.Agent.State;
using ControlPlane.Contracts.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Agent.Session;

/// <summary>The runner's identity: the one kept in the state directory, or a new registration with the server.</summary>
internal sealed class RunnerRegistrar
{
    private readonly RunnerService.RunnerServiceClient _client;
    private readonly AgentStateStore _state;
    private readonly AgentOptions _options;
    private readonly ILogger _logger;
    private readonly AgentSecrets _secrets;

    /// <param name="secrets">Learns the runner token (and the registration token), to mask them in every step's log.</param>
    public RunnerRegistrar(RunnerService.RunnerServiceClient client, AgentStateStore state, AgentOptions options, ILogger logger, AgentSecrets secrets)
    {
        _secrets = secrets;
        _secrets.Add(options.RegistrationToken);
        _client = client;
        _state = state;
        _options = options;
        _logger = logger;
    }

    /// <exception cref="AgentUsageException">Not registered yet and no registration token configured.</exception>
    /// <exception cref="RpcException">The server refused the registration (wrong token, name taken) or is unreachable.</exception>
    public async Task<RunnerIdentity> EnsureAsync(CancellationToken cancellationToken)
    {
        if (await _state.LoadRunnerAsync(cancellationToken) is { } known)
        {
            _secrets.Add(known.Token);
            return known;
        }

        if (string.IsNullOrEmpty(_options.RegistrationToken))
        {
            throw new AgentUsageException($"this agent is not registered yet ({_state.Directory} holds no runner.json): give --registration-token-file FILE (or env CP_REGISTRATION_TOKEN)");
        }

        var request = new RegisterRequest
        {
            RegistrationToken = _options.RegistrationToken,
            Name = _options.Name,
            Capacity = _options.Capacity,
            AgentVersion = AgentVersion.Current,
        };
        request.Labels.Add(_options.Labels);
        var response = await _client.RegisterAsync(request, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
        var identity = new RunnerIdentity(response.RunnerId.ToString(CultureInfo.InvariantCulture), response.RunnerToken);
        _secrets.Add(identity.Token);
        await _state.SaveRunnerAsync(identity, cancellationToken);
        AgentLog.Registered(_logger, response.RunnerId, _options.Name);
        return identity;
    }
}
