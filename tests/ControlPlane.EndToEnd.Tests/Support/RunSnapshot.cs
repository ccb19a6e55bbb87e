using System.Text;
using ControlPlane.Contracts.V1;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>Everything the API says about every stored run (ListRuns, then GetRun of each), as one comparable text.</summary>
internal static class RunSnapshot
{
    public static async Task<string> TakeAsync(Cluster cluster)
    {
        var text = new StringBuilder();
        var request = new ListRunsRequest { PageSize = 1000 };
        do
        {
            var page = await cluster.Runs.ListRunsAsync(request);
            foreach (var run in page.Runs)
            {
                text.AppendLine(run.ToString());
                text.AppendLine((await cluster.Runs.GetRunAsync(new GetRunRequest { RunId = run.Id })).ToString());
            }

            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return text.ToString();
    }
}
