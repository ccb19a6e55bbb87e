using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

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

            var prefix = await DockerDaemon.GetApiPrefixAsync(cancellationToken);
            using var http = DockerDaemon.CreateHttpClient();
            await using (await HoldMachineLockAsync(cancellationToken))
            {
                if (!await IsCurrentAsync(http, prefix, cancellationToken))
                {
                    await ImportAsync(http, prefix, cancellationToken);
                }
            }

            _ensured = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<bool> IsCurrentAsync(HttpClient http, string prefix, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"{prefix}images/{Uri.EscapeDataString(Name)}/json", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Contains($"\"{RevisionLabel}\":\"{Revision}\"", StringComparison.Ordinal);
    }

    private static async Task ImportAsync(HttpClient http, string prefix, CancellationToken cancellationToken)
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new InvalidOperationException($"{BusyboxPath} is missing: install busybox-static (ensure-dockerd.sh does).");
        }

        var changes = new[] { $"LABEL {RevisionLabel}={Revision}", "CMD [\"/bin/sh\"]" };
        var query = $"{prefix}images/create?fromSrc=-&repo={Repository}&tag={Tag}"
            + string.Concat(changes.Select(change => "&changes=" + Uri.EscapeDataString(change)));
        using var content = new ByteArrayContent(await BuildRootfsAsync(cancellationToken));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await http.PostAsync(query, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        // Import reports failures either as a status or as an "error" message inside the progress stream.
        if (!response.IsSuccessStatusCode || body.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Importing {Name} failed ({(int)response.StatusCode}): {body}");
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
}
