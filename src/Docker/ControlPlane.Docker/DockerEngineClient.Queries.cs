using System.Globalization;
using System.Text.Json;
using ControlPlane.Docker.Containers;
using ControlPlane.Docker.Transport;

namespace ControlPlane.Docker;

public sealed partial class DockerEngineClient
{
    public async Task<ContainerDetails> InspectContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        var operation = $"inspect container {containerId}";
        using var response = await SendToContainerAsync(HttpMethod.Get, containerId, "json", cancellationToken);
        await EnsureSuccessAsync(response, operation, ContainerMissing(containerId, operation), cancellationToken);
        var inspected = await DockerHttp.ReadJsonAsync(response, DockerJsonContext.Default.ContainerInspectResponse, operation, cancellationToken);
        var state = inspected.State;
        return new ContainerDetails
        {
            Id = inspected.Id,
            Name = (inspected.Name ?? "").TrimStart('/'),
            Image = inspected.Config?.Image ?? "",
            Status = ParseStatus(state?.Status),
            Running = state?.Running ?? false,
            Pid = state?.Pid ?? 0,
            ExitCode = state?.ExitCode ?? 0,
            OomKilled = state?.OomKilled ?? false,
            Error = string.IsNullOrEmpty(state?.Error) ? null : state.Error,
            StartedAt = ParseTime(state?.StartedAt),
            FinishedAt = ParseTime(state?.FinishedAt),
            Tty = inspected.Config?.Tty ?? false,
            Labels = inspected.Config?.Labels ?? [],
        };
    }

    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        const string Operation = "list containers";
        var filters = new Dictionary<string, string[]> { ["label"] = [.. labels.Select(pair => $"{pair.Key}={pair.Value}")] };
        var json = JsonSerializer.Serialize(filters, DockerJsonContext.Default.DictionaryStringStringArray);
        using var response = await _http.SendAsync(HttpMethod.Get, $"containers/json?all=true&filters={Escape(json)}", content: null, streamBody: false, cancellationToken);
        await EnsureSuccessAsync(response, Operation, notFound: null, cancellationToken);
        var items = await DockerHttp.ReadJsonAsync(response, DockerJsonContext.Default.ListContainerListItem, Operation, cancellationToken);
        return
        [
            .. items.Select(item => new ContainerSummary
            {
                Id = item.Id,
                Names = [.. (item.Names ?? []).Select(name => name.TrimStart('/'))],
                Image = item.Image ?? "",
                Status = ParseStatus(item.State),
                CreatedAt = DateTimeOffset.FromUnixTimeSeconds(item.Created),
                Labels = item.Labels ?? [],
            }),
        ];
    }

    private static ContainerStatus ParseStatus(string? status) =>
        Enum.TryParse<ContainerStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : ContainerStatus.Unknown;

    /// <summary>The API writes RFC 3339 times and the zero time (year 1) for "never".</summary>
    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.Year > 1 ? time : null;
}
