using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ControlPlane.Testing;

/// <summary>
/// Python modules for the grpc.testing and reflection protos, generated once per test process with Debian's
/// <c>python3 -m grpc_tools.protoc</c>. The protos are flattened into one folder first, because generated
/// imports named <c>grpc.testing</c> would collide with the installed <c>grpc</c> package; the proto packages,
/// and so every name on the wire, stay as they are.
/// </summary>
public static partial class PythonStubs
{
    public const string Python = "/usr/bin/python3";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _directory;

    /// <summary>The folder holding the generated <c>*_pb2.py</c> and <c>*_pb2_grpc.py</c> and the peer scripts.</summary>
    public static async Task<string> GetDirectoryAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return _directory ??= await GenerateAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> GenerateAsync(CancellationToken cancellationToken)
    {
        var output = Directory.CreateTempSubdirectory("cp-python-stubs-").FullName;
        var protoFiles = new List<string>();
        var sources = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Protos", "grpc", "testing"), "*.proto")
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Protos", "reflection"), "*.proto"));
        foreach (var source in sources)
        {
            var text = await File.ReadAllTextAsync(source, cancellationToken);
            var target = Path.Combine(output, Path.GetFileName(source));
            await File.WriteAllTextAsync(target, NestedImport().Replace(text, "import \"$1\";"), cancellationToken);
            protoFiles.Add(Path.GetFileName(source));
        }

        var start = new ProcessStartInfo(Python)
        {
            WorkingDirectory = output,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in (string[])["-m", "grpc_tools.protoc", "-I.", "--python_out=.", "--grpc_python_out=.", .. protoFiles])
        {
            start.ArgumentList.Add(argument);
        }

        using var protoc = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        var stderr = protoc.StandardError.ReadToEndAsync(cancellationToken);
        await protoc.StandardOutput.ReadToEndAsync(cancellationToken);
        await protoc.WaitForExitAsync(cancellationToken);
        if (protoc.ExitCode != 0)
        {
            throw new InvalidOperationException($"grpc_tools.protoc failed ({protoc.ExitCode}): {await stderr}. Is python3-grpc-tools installed?");
        }

        foreach (var script in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Python"), "*.py"))
        {
            File.Copy(script, Path.Combine(output, Path.GetFileName(script)), overwrite: true);
        }

        return output;
    }

    [GeneratedRegex("import \"grpc/testing/([a-z_]+\\.proto)\";")]
    private static partial Regex NestedImport();
}
