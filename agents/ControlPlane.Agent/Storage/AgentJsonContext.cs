using System.Text.Json;
using System.Text.Json.Serialization;
using ControlPlane.Agent.Logs.Spool;
using ControlPlane.Agent.State;

namespace ControlPlane.Agent.Storage;

/// <summary>Source-generated JSON for everything the agent keeps on disk.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(LogSpoolSummary))]
[JsonSerializable(typeof(RunnerIdentity))]
[JsonSerializable(typeof(RunningAttempt))]
[JsonSerializable(typeof(AttemptEnd))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
