using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace ControlPlane.Architecture.Tests;

/// <summary>
/// Inside cp-server, the transport (gRPC services, interceptors, runner streams, health) calls application code
/// (scheduling, queries, stats, retention), never the reverse: application folders name neither the wire (gRPC,
/// protobuf, the generated contracts) nor a type of the transport.
/// </summary>
public partial class ServerFolderDirectionTests
{
    private static readonly string[] ApplicationFolders = ["Scheduling", "Queries", "Stats", "Retention"];

    /// <summary>Folders whose types are all transport: the gRPC adapters and health.</summary>
    private static readonly string[] TransportFolders = ["Api", "Health"];

    /// <summary>Configuration read on both sides: the API section's poll intervals and page sizes.</summary>
    private static readonly string[] SharedTypes = ["ApiOptions"];

    public static TheoryData<string> ApplicationFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in ApplicationFilePaths())
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void Transport_types_are_found()
    {
        // Guards the rule below against passing vacuously.
        Assert.Contains("ErrorInterceptor", TransportTypes());
        Assert.Contains("RunnerApi", TransportTypes());
        Assert.True(ApplicationFilePaths().Count > 20);
    }

    [Theory]
    [MemberData(nameof(ApplicationFiles))]
    public void Application_code_does_not_use_the_transport(string file)
    {
        var text = File.ReadAllText(Path.Combine(ServerRoot(), file));
        var wire = WireUsing().Matches(text).Select(m => m.Value.Trim()).ToList();
        var transport = TransportTypes().Where(type => Regex.IsMatch(text, $@"\b{type}\b")).ToList();

        Assert.True(wire.Count == 0 && transport.Count == 0, $"{file} uses the transport: {string.Join(", ", wire.Concat(transport))}");
    }

    private static List<string> ApplicationFilePaths() =>
        [.. ApplicationFolders
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(ServerRoot(), f), "*.cs", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(ServerRoot(), f))
            .Order(StringComparer.Ordinal)];

    /// <summary>Types declared in the transport folders, and every type declared in a file that uses gRPC.</summary>
    private static HashSet<string> TransportTypes()
    {
        var files = Directory.EnumerateFiles(ServerRoot(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => TransportFolders.Contains(Path.GetRelativePath(ServerRoot(), f).Split(Path.DirectorySeparatorChar)[0])
                || GrpcUsing().IsMatch(File.ReadAllText(f)));
        return files.SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .Except(SharedTypes)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string ServerRoot([CallerFilePath] string thisFile = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(thisFile)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ControlPlane.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("ControlPlane.sln not found"), "src", "ControlPlane.Server");
    }

    [GeneratedRegex(@"^using\s+(Grpc|Google\.Protobuf|Google\.Rpc|ControlPlane\.Contracts)\b[^;]*;", RegexOptions.Multiline)]
    private static partial Regex WireUsing();

    [GeneratedRegex(@"^using\s+Grpc\b", RegexOptions.Multiline)]
    private static partial Regex GrpcUsing();

    [GeneratedRegex(@"\b(class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();
}
