using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace ControlPlane.Architecture.Tests;

/// <summary>Dependencies point one way (see DESIGN.md); every product project is listed here with what it may use.</summary>
public class DependencyDirectionTests
{
    private static readonly Dictionary<string, string[]> AllowedProjectReferences = new()
    {
        ["ControlPlane.Settings"] = [],
        ["ControlPlane.Contracts"] = [],
        ["ControlPlane.Core"] = ["ControlPlane.Settings"],
        ["ControlPlane.Store"] = ["ControlPlane.Core"],
        ["ControlPlane.Server"] = ["ControlPlane.Core", "ControlPlane.Store", "ControlPlane.Contracts"],
        ["ControlPlane.Agent"] = ["ControlPlane.Contracts", "ControlPlane.Settings"],
        ["ControlPlane.Cli"] = ["ControlPlane.Contracts", "ControlPlane.Core"],
    };

    private static readonly Dictionary<string, string[]> AllowedPackages = new()
    {
        ["ControlPlane.Core"] = ["YamlDotNet"],
        ["ControlPlane.Contracts"] = ["Google.Protobuf", "Grpc.Tools", "Grpc.Core.Api"],
    };

    public static TheoryData<string> ProductProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in FindProductProjects())
        {
            data.Add(Path.GetFileNameWithoutExtension(project));
        }

        return data;
    }

    [Fact]
    public void Every_product_project_has_a_dependency_rule()
    {
        var unlisted = FindProductProjects()
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !AllowedProjectReferences.ContainsKey(name!))
            .ToList();

        Assert.True(unlisted.Count == 0, $"Add a dependency rule for: {string.Join(", ", unlisted)}");
    }

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void Project_references_point_only_inward(string project)
    {
        var references = ProjectFile(project).Descendants("ProjectReference")
            .Where(e => !IsBundleOnly(e))
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
            .ToList();
        var forbidden = references.Except(AllowedProjectReferences[project]).ToList();

        Assert.True(forbidden.Count == 0, $"{project} must not reference {string.Join(", ", forbidden)}");
    }

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void Only_the_cli_bundles_other_programs_and_only_to_run_them(string project)
    {
        // cpctl's dev mode starts cp-server and cp-agent as processes: it builds and ships them beside itself but never
        // compiles against them (ReferenceOutputAssembly=false), so no code dependency points outward.
        var bundled = ProjectFile(project).Descendants("ProjectReference")
            .Where(IsBundleOnly)
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
            .ToList();
        string[] allowed = project == "ControlPlane.Cli" ? ["ControlPlane.Server", "ControlPlane.Agent"] : [];

        Assert.True(bundled.Except(allowed).Any() == false, $"{project} must not bundle {string.Join(", ", bundled.Except(allowed))}");
    }

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void Inner_projects_use_only_their_allowed_packages(string project)
    {
        if (!AllowedPackages.TryGetValue(project, out var allowed))
        {
            return;
        }

        var packages = ProjectFile(project).Descendants("PackageReference")
            .Select(e => e.Attribute("Include")!.Value)
            .Except(allowed)
            .ToList();
        var frameworks = ProjectFile(project).Descendants("FrameworkReference")
            .Select(e => e.Attribute("Include")!.Value)
            .ToList();

        Assert.True(packages.Count == 0 && frameworks.Count == 0, $"{project} must not use {string.Join(", ", packages.Concat(frameworks))}");
    }

    [Fact]
    public void There_is_no_gRPC_runtime_of_our_own()
    {
        // grpc-dotnet (Grpc.AspNetCore, Grpc.Net.Client) carries the protocol; see DESIGN.md "Stand on the field's libraries".
        Assert.False(Directory.Exists(Path.Combine(RepositoryRoot(), "src", "Grpc")), "src/Grpc is back");
        var homeMade = FindProductProjects().Select(Path.GetFileNameWithoutExtension).Where(n => n!.StartsWith("ControlPlane.Grpc", StringComparison.Ordinal)).ToList();
        Assert.True(homeMade.Count == 0, $"gRPC runtime projects: {string.Join(", ", homeMade)}");
    }

    private static bool IsBundleOnly(XElement reference) =>
        string.Equals(reference.Attribute("ReferenceOutputAssembly")?.Value, "false", StringComparison.OrdinalIgnoreCase);

    private static XDocument ProjectFile(string project) =>
        XDocument.Load(FindProductProjects().Single(p => Path.GetFileNameWithoutExtension(p) == project));

    private static IEnumerable<string> FindProductProjects()
    {
        var root = RepositoryRoot();
        return new[] { "src", "agents" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(thisFile)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ControlPlane.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ControlPlane.sln not found above " + thisFile);
    }
}
