using System.CommandLine;
using System.Globalization;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>notifications list</c>: queued notifications and alerts, newest first, with how their attempts went.</summary>
internal sealed class NotificationsListCommand : CliCommand
{
    private const int DefaultLimit = 20;

    private readonly Option<long?> _run = TypedOptions.Id("--run", "RUN", "only notifications about this run");
    private readonly Option<NotificationDeliveryState> _state =
        TypedOptions.Parsed("--state", "STATE", "only deliveries in this state (pending, delivered, dead)", State);

    private readonly Option<int?> _limit = TypedOptions.Int("--limit", "N", $"at most N deliveries (default {DefaultLimit})", 1, 100_000);
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public NotificationsListCommand()
        : base("notifications list", "list notification deliveries and their attempts, newest first", "cpctl notifications list --run 42", "cpctl notifications list --state dead -o json")
    {
        _state.CompletionSources.Add("pending", "delivered", "dead");
        Command.Add(_run);
        Command.Add(_state);
        Command.Add(_limit);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var limit = parse.GetValue(_limit) ?? DefaultLimit;
        var request = new ListNotificationDeliveriesRequest
        {
            RunId = parse.GetValue(_run) ?? 0,
            State = parse.GetValue(_state),
        };
        var result = new ListNotificationDeliveriesResponse();
        do
        {
            request.PageSize = Math.Min(1000, limit - result.Deliveries.Count);
            var page = await context.Api.CallAsync(o => context.Api.Notifications.ListNotificationDeliveriesAsync(request, o), cancellationToken);
            result.Deliveries.Add(page.Deliveries);
            request.PageToken = page.NextPageToken;
        }
        while (result.Deliveries.Count < limit && request.PageToken.Length > 0);

        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, result);
            return ExitCodes.Success;
        }

        var table = new TableView("ID", "EVENT", "RUN", "ENDPOINT", "STATE", "ATTEMPTS", "LAST", "CREATED");
        foreach (var delivery in result.Deliveries)
        {
            var last = delivery.Attempts.Count == 0 ? "-" : Outcome(delivery.Attempts[^1]);
            table.Add(
                delivery.Id.ToString(CultureInfo.InvariantCulture),
                delivery.Event,
                delivery.RunId == 0 ? "-" : delivery.RunId.ToString(CultureInfo.InvariantCulture),
                delivery.Endpoint,
                Display.Name(delivery.State),
                delivery.AttemptCount.ToString(CultureInfo.InvariantCulture),
                last,
                Display.Time(delivery.CreatedAt));
        }

        table.Write(context.Console);
        return ExitCodes.Success;
    }

    private static string Outcome(NotificationAttempt attempt) =>
        attempt.Error.Length == 0 ? attempt.StatusCode.ToString(CultureInfo.InvariantCulture) : attempt.Error;

    private static NotificationDeliveryState State(string text, string where) => text.ToLowerInvariant() switch
    {
        "pending" => NotificationDeliveryState.Pending,
        "delivered" => NotificationDeliveryState.Delivered,
        "dead" => NotificationDeliveryState.Dead,
        _ => throw new UsageException($"{where}: '{text}' is not pending, delivered or dead"),
    };
}
