using System.Text.Json;

namespace ControlPlane.Server.Tests.Triggers.Support;

/// <summary>A webhook response: status, HTTP version and JSON body.</summary>
internal sealed record HookAnswer(int Status, Version Version, JsonElement Body, string Text)
{
    public long RunId => Body.GetProperty("run_id").GetInt64();

    public string Error => Body.GetProperty("error").GetString() ?? "";
}
