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

    /// <summary>
    /// A step whose output tries to drive the operator's terminal (window title, clipboard OSC 52, a hyperlink, clear
    /// screen, cursor home, a bare carriage return, a bell) between coloured text, and a matrix leg whose key carries
    /// an OSC sequence. Its log is <see cref="HostileLog"/>.
    /// </summary>
    public const string Hostile = """
        name: cli-hostile
        steps:
          - id: paint
            run: |
              printf '\033[31mred\033[0m plain\n'
              printf '\033]0;pwned\007\033]52;c;ZXZpbA==\007\033]8;;http://evil.example/\033\\link\033]8;;\033\\\033[2J\033[H\r\a\n'
              printf 'after'
          - id: leg
            matrix: {v: ["x\e]0;matrix\a"]}
            run: echo leg
        """;

    /// <summary>The log of cli-hostile's paint step, as stored: the exact bytes its printf calls wrote.</summary>
    public const string HostileLog =
        "\u001b[31mred\u001b[0m plain\n"
        + "\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007\u001b]8;;http://evil.example/\u001b\\link\u001b]8;;\u001b\\\u001b[2J\u001b[H\r\u0007\n"
        + "after";

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
        ("ok.yaml", Succeeding), ("fail.yaml", Failing), ("slow.yaml", Slow), ("bad.yaml", Invalid), ("hostile.yaml", Hostile),
    ];

    /// <summary>The files the fixture applies before the tests.</summary>
    public static readonly IReadOnlyList<string> Applied = ["ok.yaml", "fail.yaml", "slow.yaml", "hostile.yaml"];
}
