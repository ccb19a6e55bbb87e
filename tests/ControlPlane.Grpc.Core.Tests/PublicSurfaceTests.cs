using System.Reflection;
using System.Text;

namespace ControlPlane.Grpc.Core.Tests;

/// <summary>
/// The Grpc.Core subset is a contract: its public surface must stay a subset of the real Grpc.Core.Api, so any
/// change to it has to be deliberate. The approved list is checked in beside this file.
/// </summary>
public class PublicSurfaceTests
{
    private const string ApprovedFile = "PublicApi.approved.txt";

    [Fact]
    public void Public_surface_matches_the_approved_list()
    {
        var actual = PublicApiPrinter.Print(typeof(global::Grpc.Core.Status).Assembly);
        var approvedPath = Path.Combine(AppContext.BaseDirectory, ApprovedFile);
        var approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n");
        if (approved != actual)
        {
            var received = Path.Combine(FindSourceDirectory(), "PublicApi.received.txt");
            File.WriteAllText(received, actual);
            Assert.Fail($"The public surface of ControlPlane.Grpc.Core changed. Compare {received} with {ApprovedFile}; "
                + "if the change is intended and matches Grpc.Core.Api, copy it over the approved file.\n"
                + Diff(approved, actual));
        }
    }

    [Fact]
    public void Every_public_type_lives_in_a_Grpc_Core_namespace()
    {
        var strays = typeof(global::Grpc.Core.Status).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is not ("Grpc.Core" or "Grpc.Core.Interceptors"))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(strays);
    }

    [Fact]
    public void The_assembly_references_only_the_base_class_library()
    {
        var references = typeof(global::Grpc.Core.Status).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && name != "mscorlib")
            .ToList();
        Assert.Empty(references);
    }

    private static string Diff(string expected, string actual)
    {
        var expectedLines = expected.Split('\n').ToHashSet();
        var actualLines = actual.Split('\n').ToHashSet();
        var builder = new StringBuilder();
        foreach (var line in expectedLines.Except(actualLines))
        {
            builder.Append("- ").AppendLine(line);
        }

        foreach (var line in actualLines.Except(expectedLines))
        {
            builder.Append("+ ").AppendLine(line);
        }

        return builder.ToString();
    }

    private static string FindSourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path)!;
}
