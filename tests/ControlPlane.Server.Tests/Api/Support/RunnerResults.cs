using ControlPlane.Server.Scheduling.Runners;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Server.Tests.Api.Support;

/// <summary>Reports of attempt results with outputs, through the scheduler's own reporter as the runner protocol does.</summary>
internal static class RunnerResults
{
    public static Task SucceedAsync(this ApiServer server, OfferCommand offer, Dictionary<string, string>? outputs = null) =>
        server.Services.GetRequiredService<AttemptReporter>().FinishedAsync(offer.Claim, 0, AttemptOutcome.Succeeded, null, outputs, server.Ct);

    public static Task FailAsync(this ApiServer server, OfferCommand offer, int exitCode = 1) =>
        server.Services.GetRequiredService<AttemptReporter>().FinishedAsync(offer.Claim, exitCode, AttemptOutcome.Failed, null, null, server.Ct);
}
