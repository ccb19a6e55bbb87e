using ControlPlane.Core.Definitions.Identity;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Identity;

public class WorkflowContentHashTests
{
    private const string Original = """
        name: ci
        env: {A: "1", B: "2"}
        steps:
          - id: build
            run: make
            timeout: 90s
          - id: test
            needs: build
            run: make test
        """;

    private static string Hash(string text, string fileName = "ci.yaml") => WorkflowContentHash.Compute(TestWorkflows.Load(text, fileName));

    [Fact]
    public void The_hash_is_a_prefixed_sha256()
    {
        Assert.Matches("^sha256:[0-9a-f]{64}$", Hash(Original));
    }

    [Fact]
    public void Loading_the_same_content_twice_gives_the_same_revision()
    {
        Assert.Equal(Hash(Original), Hash(Original));
    }

    [Fact]
    public void Whitespace_comments_key_order_and_notation_do_not_matter()
    {
        var reformatted = """
            # the CI workflow
            steps:
            - run: "make"
              id: build        # compiles
              timeout: 1m30s
            - {needs: [build], id: test, run: make test}
            env:
              B: '2'
              A: '1'
            name: ci
            """;

        Assert.Equal(Hash(Original), Hash(reformatted));
    }

    [Fact]
    public void Json_and_yaml_with_the_same_content_hash_the_same()
    {
        var json = """
            {"name": "ci", "env": {"A": "1", "B": "2"}, "steps": [
              {"id": "build", "run": "make", "timeout": "90s"},
              {"id": "test", "needs": "build", "run": "make test"}]}
            """;

        Assert.Equal(Hash(Original), Hash(json, "ci.json"));
    }

    [Fact]
    public void Groups_and_the_explicit_needs_they_stand_for_hash_the_same()
    {
        var grouped = """
            name: ci
            env: {A: "1", B: "2"}
            steps:
              - sequence:
                  - {id: build, run: make, timeout: 90s}
                  - {id: test, run: make test}
            """;

        Assert.Equal(Hash(Original), Hash(grouped));
    }

    [Theory]
    [InlineData("run: make test", "run: make tests")]
    [InlineData("timeout: 90s", "timeout: 91s")]
    [InlineData("B: \"2\"", "B: \"3\"")]
    [InlineData("needs: build", "needs: []")]
    [InlineData("name: ci", "name: ci2")]
    public void Any_change_in_content_changes_the_hash(string from, string to)
    {
        var changed = Original.Replace(from, to, StringComparison.Ordinal);

        Assert.NotEqual(Original, changed);
        Assert.NotEqual(Hash(Original), Hash(changed));
    }

    [Fact]
    public void A_string_and_a_boolean_with_the_same_text_differ()
    {
        var asString = "steps:\n  - {id: a, run: echo, matrix: {flag: ['true']}}\n";
        var asBool = "steps:\n  - {id: a, run: echo, matrix: {flag: [true]}}\n";

        Assert.NotEqual(Hash(asString), Hash(asBool));
    }
}
