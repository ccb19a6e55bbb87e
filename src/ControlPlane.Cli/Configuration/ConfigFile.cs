using System.Text.Json.Serialization;

namespace ControlPlane.Cli.Configuration;

/// <summary>
/// The config file's shape: <c>{"server": "...", "token": "...", "caCert": "...", "allowCleartext": false, "timeout": "30s"}</c>;
/// every key optional, an unknown key is an error.
/// </summary>
internal sealed class ConfigFile
{
    [JsonPropertyName("server")]
    public string? Server { get; set; }

    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("caCert")]
    public string? CaCert { get; set; }

    [JsonPropertyName("allowCleartext")]
    public bool? AllowCleartext { get; set; }

    [JsonPropertyName("timeout")]
    public string? Timeout { get; set; }
}
