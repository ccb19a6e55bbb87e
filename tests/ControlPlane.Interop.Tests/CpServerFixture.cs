using ControlPlane.Testing;

namespace ControlPlane.Interop.Tests;

/// <summary>One real cp-server process (authentication on, a static registration token) shared by the python cases.</summary>
public sealed class CpServerFixture : IAsyncLifetime
{
    /// <summary>The static registration token runners register with.</summary>
    public const string RegistrationToken = "interop-registration-token-0123456789";

    private readonly string _directory = Directory.CreateTempSubdirectory("cp-interop-").FullName;
    private ServerProcess? _server;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>host:port of the cleartext HTTP/2 listener, as a python channel takes it.</summary>
    public string HostPort => new Uri(Server.Address).Authority;

    /// <summary>The admin token the server wrote on its first start.</summary>
    public string AdminToken { get; private set; } = "";

    public string Combine(string name) => Path.Combine(_directory, name);

    public async Task InitializeAsync()
    {
        var data = Combine("data");
        _server = await ServerProcess.StartAsync(data, ["--registration-token", RegistrationToken]);
        AdminToken = (await File.ReadAllTextAsync(Path.Combine(data, "admin.token"))).Trim();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
