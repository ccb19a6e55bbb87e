using ControlPlane.Core.Auth;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Hosting;

namespace ControlPlane.Server.Auth;

/// <summary>
/// Makes sure someone can administer a new server: when the store holds no usable admin token, one is created and
/// its secret written to <c>{data-dir}/admin.token</c>, readable by the owner only. Runs before the server listens.
/// </summary>
public static class AdminTokenBootstrap
{
    /// <summary>The file inside the data directory that receives the first admin token.</summary>
    public const string FileName = "admin.token";

    /// <returns>The path of the token file when a token was created; null when an admin token existed.</returns>
    /// <exception cref="UsageException">The token file cannot be written owner-only; nothing was stored.</exception>
    public static async Task<string?> EnsureAsync(IStore store, string dataDir, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        await using var unit = await store.BeginAsync(cancellationToken);
        if (await unit.ApiTokens.AnyUsableAsync(ApiTokenRole.Admin, time.GetUtcNow(), cancellationToken))
        {
            return null;
        }

        var issued = ApiTokens.Issue(ApiTokenRole.Admin);
        await unit.ApiTokens.CreateAsync(new NewApiToken("admin (created at first start)", ApiTokenRole.Admin, issued.Hash, null), cancellationToken);

        // The file is written before the commit: if it cannot be, no token exists that nobody could ever read.
        var path = Path.Combine(dataDir, FileName);
        await WriteOwnerOnlyAsync(path, issued.Secret + "\n", cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return path;
    }

    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken cancellationToken)
    {
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            // Created anew with the mode set at creation, so the secret is never readable by others, even briefly.
            File.Delete(path);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            await using (var stream = new FileStream(path, options))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(content.AsMemory(), cancellationToken);
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            {
                throw new IOException($"the file's mode is {File.GetUnixFileMode(path)}, not owner-only");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the first admin token to '{path}' readable by the owner only: {e.Message}");
        }
    }
}
