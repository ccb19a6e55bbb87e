namespace ControlPlane.Cli.Tests.Support;

/// <summary>The workflow files the CLI tests run.</summary>
public static class TestWorkflows
{
    public const string Succeeding = """
        name: cli-ok
        inputs:
          greeting: {type: string, default: hello}
        steps:
          - id: first
            run: echo "${{ inputs.greeting }} from first"
          - id: second
            needs: [first]
            run: |
              echo "second line one"
              echo "second line two"
        """;

    public const string Failing = """
        name: cli-fail
        steps:
          - id: boom
            run: |
              echo "about to fail"
              exit 3
        """;

    public const string Slow = """
        name: cli-slow
        steps:
          - id: sleepy
            run: |
              echo "sleeping"
              sleep 120
        """;

    /// <summary>Two errors: a misspelt key and a need of an unknown step.</summary>
    public const string Invalid = """
        name: cli-bad
        defaults: {timout: 2m}
        steps:
          - id: build
            run: make
          - id: test
            needs: [biuld]
            run: make test
        """;

    public static readonly IReadOnlyList<(string Name, string Text)> All =
    [
        ("ok.yaml", Succeeding), ("fail.yaml", Failing), ("slow.yaml", Slow), ("bad.yaml", Invalid),
    ];

    /// <summary>The files the fixture applies before the tests.</summary>
    public static readonly IReadOnlyList<string> Applied = ["ok.yaml", "fail.yaml", "slow.yaml"];
}
