using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Planning;

namespace ControlPlane.Core.Scheduling;

/// <summary>
/// The stored form of a planned step (the step's <c>spec_json</c>): everything the scheduler and the runner need
/// (action, labels, timeout, retry policy, env, condition, outputs, matrix values and strategy), as snake_case JSON.
/// </summary>
/// <remarks>
/// The spec is written once, when the run is created, and never changes, so the scheduler caches what it reads.
/// Actions carry a <c>type</c> discriminator (<c>run</c>, <c>docker</c>, <c>http</c>, <c>sleep</c>); durations
/// are <c>[d.]hh:mm:ss[.fffffff]</c> strings; matrix values keep their JSON type (string, number or boolean).
/// </remarks>
public static class StepSpecJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Serialize(PlannedStep step) => JsonSerializer.Serialize(step, Options);

    /// <exception cref="JsonException">The text is not a step spec.</exception>
    public static PlannedStep Deserialize(string json) =>
        JsonSerializer.Deserialize<PlannedStep>(json, Options) ?? throw new JsonException("A step spec must be a JSON object, not null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(DescribeActions);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            TypeInfoResolver = resolver,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new MatrixValuesJsonConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void DescribeActions(JsonTypeInfo info)
    {
        if (info.Type != typeof(StepAction))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "type",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            DerivedTypes =
            {
                new JsonDerivedType(typeof(RunAction), "run"),
                new JsonDerivedType(typeof(DockerAction), "docker"),
                new JsonDerivedType(typeof(HttpAction), "http"),
                new JsonDerivedType(typeof(SleepAction), "sleep"),
            },
        };
    }
}
