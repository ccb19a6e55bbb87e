using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Tests.Diagnostics;

public class DiagnosticTests
{
    [Fact]
    public void Formats_like_a_compiler_with_file_line_column_code_and_path()
    {
        var diagnostic = new Diagnostic("CP1004", DiagnosticSeverity.Error, new SourceLocation("ci.yaml", 12, 7), "steps[3].needs[0]", "unknown step 'biuld'; did you mean 'build'?");

        Assert.Equal("ci.yaml:12:7: error CP1004 steps[3].needs[0]: unknown step 'biuld'; did you mean 'build'?", diagnostic.ToString());
    }

    [Fact]
    public void A_diagnostic_without_a_position_or_path_shows_only_the_file()
    {
        var diagnostic = new Diagnostic("CP2001", DiagnosticSeverity.Warning, SourceLocation.FileOnly("ci.yaml"), string.Empty, "something");

        Assert.Equal("ci.yaml: warning CP2001: something", diagnostic.ToString());
    }

    [Fact]
    public void A_message_quoting_several_lines_still_prints_as_one_line()
    {
        var diagnostic = new Diagnostic("CP1014", DiagnosticSeverity.Error, new SourceLocation("a.yaml", 3, 5), "steps[0].http.url", "'a\nb' is not an absolute URL");

        Assert.Equal("a.yaml:3:5: error CP1014 steps[0].http.url: 'a\\nb' is not an absolute URL", diagnostic.ToString());
    }

    [Fact]
    public void The_exception_message_lists_every_diagnostic()
    {
        var diagnostics = new[]
        {
            new Diagnostic("CP1001", DiagnosticSeverity.Error, new SourceLocation("a.yaml", 1, 1), "x", "first"),
            new Diagnostic("CP1002", DiagnosticSeverity.Error, new SourceLocation("a.yaml", 2, 1), "y", "second"),
        };

        var exception = new WorkflowValidationException(diagnostics);

        Assert.Equal(2, exception.Diagnostics.Count);
        Assert.Contains("the workflow has 2 errors", exception.Message, StringComparison.Ordinal);
        Assert.Contains("a.yaml:2:1: error CP1002 y: second", exception.Message, StringComparison.Ordinal);
    }
}
