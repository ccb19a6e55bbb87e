using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Parsing;

public class ActionRulesTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "Docker_needs_an_image",
            """
            steps:
              - id: a
                docker:
                  command: echo
            """,
            ["test.yaml:4:7: error CP1002 steps[0].docker: docker needs an 'image', e.g. image: alpine:3.20"]
        },
        {
            "Docker_pull_policy_must_be_known",
            """
            steps:
              - id: a
                docker:
                  image: alpine
                  pull: sometimes
            """,
            ["test.yaml:5:13: error CP1012 steps[0].docker.pull: invalid pull policy 'sometimes'; expected one of: always, if_missing, never"]
        },
        {
            "Docker_mounts_stay_inside_the_workspace",
            """
            steps:
              - id: a
                docker:
                  image: alpine
                  mounts:
                    - source: ../secrets
                      target: /secrets
                    - source: /etc
                      target: relative/path
                    - source: cache
            """,
            [
                "test.yaml:6:19: error CP1018 steps[0].docker.mounts[0].source: mount source '../secrets' must be a relative path inside the step workspace",
                "test.yaml:8:19: error CP1018 steps[0].docker.mounts[1].source: mount source '/etc' must be a relative path inside the step workspace",
                "test.yaml:9:19: error CP1018 steps[0].docker.mounts[1].target: mount target 'relative/path' must be an absolute path in the container",
                "test.yaml:10:11: error CP1002 steps[0].docker.mounts[2]: a mount needs a 'target' path inside the container",
            ]
        },
        {
            "Http_needs_a_url",
            """
            steps:
              - id: a
                http:
                  method: GET
            """,
            ["test.yaml:4:7: error CP1002 steps[0].http: http needs a 'url'"]
        },
        {
            "Http_url_must_be_absolute",
            """
            steps:
              - id: a
                http:
                  url: /health
            """,
            ["test.yaml:4:12: error CP1014 steps[0].http.url: '/health' is not an absolute URL; write it like https://example.com/health"]
        },
        {
            "Http_url_must_use_http_or_https",
            """
            steps:
              - id: a
                http:
                  url: ftp://files.example.com/x
            """,
            ["test.yaml:4:12: error CP1014 steps[0].http.url: 'ftp://files.example.com/x' uses the scheme 'ftp'; http steps support http and https"]
        },
        {
            "Http_url_with_a_space_in_the_host_is_invalid",
            """
            steps:
              - id: a
                http:
                  url: https://exa mple.com/
            """,
            ["test.yaml:4:12: error CP1014 steps[0].http.url: 'https://exa mple.com/' is not an absolute URL; write it like https://example.com/health"]
        },
        {
            "Http_method_and_status_codes_are_checked",
            """
            steps:
              - id: a
                http:
                  url: https://example.com
                  method: FETCH
                  expected_status: [200, 700]
            """,
            [
                "test.yaml:5:15: error CP1012 steps[0].http.method: invalid HTTP method 'FETCH'; expected one of: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
                "test.yaml:6:30: error CP1013 steps[0].http.expected_status[1]: expected_status[1] must be between 100 and 599, got 700",
            ]
        },
        {
            "Sleep_needs_a_positive_duration",
            """
            steps:
              - id: a
                sleep: 0s
              - id: b
                sleep: 1h30x
            """,
            [
                "test.yaml:3:12: error CP1013 steps[0].sleep: sleep must be longer than 0s",
                "test.yaml:5:12: error CP1011 steps[1].sleep: invalid duration '1h30x'; write whole numbers with units ms, s, m, h or d, e.g. 500ms, 30s, 5m or 1h30m",
            ]
        },
        {
            "Durations_go_from_largest_to_smallest_unit",
            """
            steps:
              - id: a
                run: echo
                timeout: 30m1h
            """,
            ["test.yaml:4:14: error CP1011 steps[0].timeout: invalid duration '30m1h'; write each unit once, from largest to smallest, e.g. 1h30m"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_exact_diagnostics(string rule, string text, string[] expected)
    {
        Assert.NotEmpty(rule);
        Assert.Equal(expected, TestWorkflows.Diagnose(text));
    }
}
