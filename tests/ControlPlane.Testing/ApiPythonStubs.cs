using System.Text.RegularExpressions;

namespace ControlPlane.Testing;

/// <summary>
/// Python modules for the repository's own protos (linked into a test project's output under <c>protos/</c>),
/// generated with Debian's <c>python3 -m grpc_tools.protoc</c>. That generator predates proto3 <c>optional</c>, so the
/// keyword is removed from a copy first: the wire format is the same, only presence tracking is lost on the python side.
/// </summary>
public static partial class ApiPythonStubs
{
    /// <summary>Generates modules for <paramref name="protos"/> (paths under <c>protos/</c>) into a new folder and returns it.</summary>
    public static async Task<string> GenerateAsync(IReadOnlyList<string> protos, CancellationToken cancellationToken = default)
    {
        var sources = Path.Combine(AppContext.BaseDirectory, "protos");
        var root = Directory.CreateTempSubdirectory("cp-api-protos-").FullName;
        foreach (var file in Directory.GetFiles(sources, "*.proto", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(sources, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, OptionalField().Replace(await File.ReadAllTextAsync(file, cancellationToken), "$1"), cancellationToken);
        }

        var output = Directory.CreateTempSubdirectory("cp-api-python-").FullName;
        await using var protoc = ChildProcess.Start(
            PythonStubs.Python,
            ["-m", "grpc_tools.protoc", "-I" + root, "--python_out=" + output, "--grpc_python_out=" + output, .. protos]);
        var exitCode = await protoc.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return exitCode == 0 ? output : throw new InvalidOperationException($"grpc_tools.protoc failed ({exitCode}); is python3-grpc-tools installed?\n{protoc.Transcript}");
    }

    [GeneratedRegex(@"^(\s*)optional\s+", RegexOptions.Multiline)]
    private static partial Regex OptionalField();
}
