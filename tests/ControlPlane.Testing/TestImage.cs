using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ControlPlane.Testing;

/// <summary>
/// <c>cp-test-busybox:latest</c>: a tiny image made at test time, because no registry is reachable. Its rootfs is
/// the host's static busybox (package busybox-static) as <c>/bin/busybox</c>, a symlink per applet the tests use,
/// <c>/etc/passwd</c> with root and nobody, and a sticky <c>/tmp</c>; it is imported the way <c>docker import</c>
/// does it (<c>POST /images/create?fromSrc=-</c>). A revision label lets a changed recipe replace an old image.
/// </summary>
public static class TestImage
{
    public const string Repository = "cp-test-busybox";
    public const string Tag = "latest";
    public const string Name = Repository + ":" + Tag;

    private const string BusyboxPath = "/usr/bin/busybox";
    private const string RevisionLabel = "org.controlplane.test-image.revision";
    private const string Revision = "1";
    private const string LockPath = "/tmp/cp-test-busybox.lock";

    private static readonly string[] Applets =
    [
        "sh", "ash", "echo", "cat", "sleep", "true", "false", "printf", "env", "pwd", "id", "seq", "yes", "head",
        "tail", "ls", "mkdir", "rm", "touch", "wc", "kill", "test", "[", "tr", "dd", "od", "grep", "sed", "cut",
        "sha256sum", "md5sum", "stat", "whoami", "hostname", "cp", "mv", "date", "uname", "timeout", "xargs", "awk",
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _ensured;

    /// <summary>Imports the image unless the current revision is already there; once per process, serialized across processes.</summary>
    public static async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_ensured)
            {
                return;
            }

            await DockerDaemon.EnsureAvailableAsync(cancellationToken);
            using var docker = DockerDaemon.CreateClient();
            await using (await HoldMachineLockAsync(cancellationToken))
            {
                if (!await IsCurrentAsync(docker, cancellationToken))
                {
                    await ImportAsync(docker, cancellationToken);
                }
            }

            _ensured = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<bool> IsCurrentAsync(DockerClient docker, CancellationToken cancellationToken)
    {
        try
        {
            var image = await docker.Images.InspectImageAsync(Name, cancellationToken);
            return image.Config?.Labels?.TryGetValue(RevisionLabel, out var revision) == true && revision == Revision;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    private static async Task ImportAsync(DockerClient docker, CancellationToken cancellationToken)
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new InvalidOperationException($"{BusyboxPath} is missing: install busybox-static (ensure-dockerd.sh does).");
        }

        var parameters = new ImagesCreateParameters
        {
            FromSrc = "-",
            Repo = Repository,
            Tag = Tag,
            Changes = [$"LABEL {RevisionLabel}={Revision}", "CMD [\"/bin/sh\"]"],
        };
        using var rootfs = new MemoryStream(await BuildRootfsAsync(cancellationToken));
        string? error = null;

        // Import reports failures either as a status (an exception) or as an error message inside the progress stream.
        await docker.Images.CreateImageAsync(parameters, rootfs, null, new ErrorCatcher(message => error ??= message), cancellationToken);
        if (error is not null)
        {
            throw new InvalidOperationException($"Importing {Name} failed: {error}");
        }
    }

    private static async Task<byte[]> BuildRootfsAsync(CancellationToken cancellationToken)
    {
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(DirectoryEntry("bin/", Octal("755")), cancellationToken);
            await writer.WriteEntryAsync(DirectoryEntry("etc/", Octal("755")), cancellationToken);
            await writer.WriteEntryAsync(DirectoryEntry("tmp/", Octal("1777")), cancellationToken);
            await writer.WriteEntryAsync(DirectoryEntry("root/", Octal("700")), cancellationToken);

            await using var busybox = File.OpenRead(BusyboxPath);
            await writer.WriteEntryAsync(FileEntry("bin/busybox", Octal("755"), busybox), cancellationToken);
            foreach (var applet in Applets)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" }, cancellationToken);
            }

            await writer.WriteEntryAsync(TextEntry("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"), cancellationToken);
            await writer.WriteEntryAsync(TextEntry("etc/group", "root:x:0:\nnogroup:x:65534:\n"), cancellationToken);
        }

        return tar.ToArray();
    }

    private static PaxTarEntry DirectoryEntry(string path, UnixFileMode mode) =>
        new(TarEntryType.Directory, path) { Mode = mode };

    private static PaxTarEntry FileEntry(string path, UnixFileMode mode, Stream data) =>
        new(TarEntryType.RegularFile, path) { Mode = mode, DataStream = data };

    private static PaxTarEntry TextEntry(string path, string text) =>
        FileEntry(path, Octal("644"), new MemoryStream(Encoding.ASCII.GetBytes(text)));

    private static UnixFileMode Octal(string mode) => (UnixFileMode)Convert.ToInt32(mode, 8);

    /// <summary>Test projects run as parallel processes; two imports at once would only waste time, but still.</summary>
    private static async Task<FileStream> HoldMachineLockAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private sealed class ErrorCatcher(Action<string> onError) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            if (value.Error is { Message: { Length: > 0 } message })
            {
                onError(message);
            }
        }
    }
}
