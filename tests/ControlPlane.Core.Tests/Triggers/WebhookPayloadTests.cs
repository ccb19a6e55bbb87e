using System.Text;
using ControlPlane.Core.Triggers;

namespace ControlPlane.Core.Tests.Triggers;

public class WebhookPayloadTests
{
    [Fact]
    public void A_json_object_becomes_the_event_values()
    {
        var payload = Parse("""{"ref": "refs/heads/main", "commits": [{"id": "a1"}], "forced": false, "size": 3}""");

        Assert.Equal("refs/heads/main", payload.Values["ref"]);
        Assert.Equal(3.0, payload.Values["size"]);
        Assert.Equal(false, payload.Values["forced"]);
        Assert.Equal("""{"ref": "refs/heads/main", "commits": [{"id": "a1"}], "forced": false, "size": 3}""", payload.Json);
    }

    [Fact]
    public void Malformed_json_names_line_and_column()
    {
        var error = Assert.Throws<WebhookPayloadException>(() => Parse("{\n  \"ref\": main\n}"));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2, column 10", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "array")]
    [InlineData("\"text\"", "string")]
    [InlineData("42", "number")]
    public void A_body_that_is_not_an_object_is_refused(string body, string kind)
    {
        var error = Assert.Throws<WebhookPayloadException>(() => Parse(body));

        Assert.Contains($"must be a JSON object, got {kind}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_payload_reads_back_and_a_missing_one_is_empty()
    {
        Assert.Equal("v1", WebhookPayload.ValuesOf("""{"tag": "v1"}""")["tag"]);
        Assert.Empty(WebhookPayload.ValuesOf(null));
    }

    [Theory]
    [InlineData("event.ref == 'refs/heads/main'", true)]
    [InlineData("${{ event.ref == 'refs/heads/main' }}", true)]
    [InlineData("startsWith(event.ref, 'refs/tags/')", false)]
    [InlineData("event.missing.deeper == 'x'", false)]
    [InlineData("event.size > 2 && !event.forced", true)]
    [InlineData("", true)]
    public void Filters_read_the_event(string filter, bool expected)
    {
        var payload = Parse("""{"ref": "refs/heads/main", "forced": false, "size": 3}""");

        Assert.Equal(expected, WebhookFilter.Matches(filter, payload));
    }

    private static WebhookPayload Parse(string json) => WebhookPayload.Parse(Encoding.UTF8.GetBytes(json));
}
