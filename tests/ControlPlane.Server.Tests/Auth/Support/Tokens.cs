using ControlPlane.Contracts.V1;
using ControlPlane.Server.Auth;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Server.Tests.Auth.Support;

/// <summary>Bearer headers, the bootstrap admin token and tokens made through the real AdminService.</summary>
internal static class Tokens
{
    public static Metadata Bearer(string secret) => new() { { "authorization", "Bearer " + secret } };

    /// <summary>The admin token the server wrote to its data directory on first start.</summary>
    public static async Task<string> ReadAdminTokenAsync(string dataDir) =>
        (await File.ReadAllTextAsync(Path.Combine(dataDir, AdminTokenBootstrap.FileName))).Trim();

    /// <summary>Creates a token with <paramref name="role"/> through CreateApiToken, as the admin.</summary>
    public static async Task<CreateApiTokenResponse> CreateAsync(GrpcChannel channel, string adminSecret, ApiTokenRole role, string name = "test", CancellationToken cancellationToken = default)
    {
        var admin = new AdminService.AdminServiceClient(channel);
        return await admin.CreateApiTokenAsync(new CreateApiTokenRequest { Name = name, Role = role }, Bearer(adminSecret), cancellationToken: cancellationToken);
    }

    /// <summary>Runs the call and returns the status it failed with.</summary>
    public static async Task<Status> FailureAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        return error.Status;
    }
}
