using ControlPlane.Core.Runners;

namespace ControlPlane.Core.Tests.Runners;

public class RunnerTokensTests
{
    [Fact]
    public void An_issued_token_hashes_to_the_hash_issued_with_it()
    {
        var issued = RunnerTokens.Issue();

        Assert.StartsWith("cpr_", issued.Token, StringComparison.Ordinal);
        Assert.Equal(issued.Hash, RunnerTokens.Hash(issued.Token));
        Assert.Equal(32, issued.Hash.Length);
    }

    [Fact]
    public void Every_token_is_different() =>
        Assert.NotEqual(RunnerTokens.Issue().Token, RunnerTokens.Issue().Token);
}
