namespace ControlPlane.Server.Tests.Api.Support;

/// <summary>Workflow files the API tests apply.</summary>
internal static class Samples
{
    /// <summary>build, then test needing it; an input with a default and a choice input.</summary>
    public const string Ci = """
        name: ci
        inputs:
          version: {type: string, default: 0.1.0}
          level: {type: choice, options: [debug, release], default: debug}
        steps:
          - id: build
            run: make build VERSION=${{ inputs.version }}
          - id: test
            needs: [build]
            run: make test
        """;

    /// <summary>The same content as <see cref="Ci"/>, formatted differently.</summary>
    public const string CiReformatted = """
        name: ci
        inputs:
          version:
            type: string
            default: 0.1.0
          level:
            type: choice
            options: [debug, release]
            default: debug
        steps:
          - {id: build, run: "make build VERSION=${{ inputs.version }}"}
          - {id: test, needs: [build], run: make test}
        """;

    /// <summary>A misspelt key on line 3 and an unknown need on line 8.</summary>
    public const string Broken = """
        name: broken
        defaults:
          timout: 2m
        steps:
          - id: build
            run: make
          - id: test
            needs: [biuld]
            run: make test
        """;

    /// <summary>A workflow of its own name with one step.</summary>
    public static string OneStep(string name) => $"""
        name: {name}
        steps:
          - id: only
            run: echo {name}
        """;
}
