using System.Text;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>Workflow files no server should accept, and the valid examples to mutate into more of them.</summary>
internal static class WorkflowCorpus
{
    /// <summary>Malformed or hostile workflow texts, by a short description.</summary>
    public static IEnumerable<(string What, string Text)> Malformed()
    {
        yield return ("empty", "");
        yield return ("only a document marker", "---\n");
        yield return ("a scalar", "hello");
        yield return ("a list", "- a\n- b\n");
        yield return ("no steps", "name: nothing\n");
        yield return ("empty steps", "name: nothing\nsteps: []\n");
        yield return ("tab indentation", "name: t\nsteps:\n\t- id: a\n\t  run: echo\n");
        yield return ("unknown key", "name: u\nsteps:\n  - id: a\n    rnu: echo\n");
        yield return ("duplicate ids", "name: d\nsteps:\n  - id: a\n    run: echo\n  - id: a\n    run: echo\n");
        yield return ("a cycle", "name: c\nsteps:\n  - id: a\n    needs: b\n    run: echo\n  - id: b\n    needs: a\n    run: echo\n");
        yield return ("needs itself", "name: s\nsteps:\n  - id: a\n    needs: a\n    run: echo\n");
        yield return ("two actions", "name: two\nsteps:\n  - id: a\n    run: echo\n    sleep: 1s\n");
        yield return ("unterminated expression", "name: e\nsteps:\n  - id: a\n    run: echo ${{ steps.a.outputs\n");
        yield return ("unclosed flow sequence", "name: f\nsteps: [\n");
        yield return ("undefined alias", "name: a\nsteps: *nowhere\n");
        yield return ("NUL bytes", "name: n\u0000\nsteps:\n  - id: a\n    run: echo\n");
        yield return ("negative timeout", "name: t\nsteps:\n  - id: a\n    timeout: -5s\n    run: echo\n");
        yield return ("absurd retry", "name: r\nsteps:\n  - id: a\n    retry: 99999999999999999999\n    run: echo\n");
        yield return ("deep flow nesting", "name: deep\nsteps: " + new string('[', 20_000) + new string(']', 20_000) + "\n");
        yield return ("deep block nesting", "name: deep\nx:\n" + string.Concat(Enumerable.Range(1, 3000).Select(i => new string(' ', i) + "k:\n")));
        yield return ("alias bomb", AliasBomb());
        yield return ("a huge matrix", "name: m\nsteps:\n  - id: a\n    matrix:\n      x: [" + string.Join(',', Enumerable.Range(1, 5000)) + "]\n      y: [" + string.Join(',', Enumerable.Range(1, 5000)) + "]\n    run: echo\n");
        yield return ("a very long line", "name: " + new string('x', 1_000_000) + "\nsteps:\n  - id: a\n    run: echo\n");
        yield return ("ten thousand steps needing the previous", Chain(10_000));
    }

    /// <summary>The texts of the repository's example workflows.</summary>
    public static IReadOnlyList<string> Examples([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        // Above the test binaries in a checkout; above this source file when the binaries were copied elsewhere.
        var directory = FindExamples(AppContext.BaseDirectory) ?? FindExamples(Path.GetDirectoryName(source)!);
        return [.. Directory.GetFiles(Path.Combine(directory ?? throw new InvalidOperationException("no examples directory above " + AppContext.BaseDirectory), "examples"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText)];
    }

    private static string? FindExamples(string start)
    {
        var directory = new DirectoryInfo(start);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "examples")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }

    private static string AliasBomb()
    {
        var text = new StringBuilder("name: bomb\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            text.Append('l').Append(i).Append(": &l").Append(i).Append(" [").AppendJoin(", ", Enumerable.Repeat($"*l{i - 1}", 10)).Append("]\n");
        }

        return text.Append("steps: *l11\n").ToString();
    }

    private static string Chain(int length)
    {
        var text = new StringBuilder("name: chain\nsteps:\n  - id: s0\n    run: echo\n");
        for (var i = 1; i < length; i++)
        {
            text.Append("  - id: s").Append(i).Append("\n    needs: s").Append(i - 1).Append("\n    run: echo\n");
        }

        return text.ToString();
    }
}
