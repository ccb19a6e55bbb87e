using System.Text.Json.Serialization;

namespace ControlPlane.Cli.Configuration;

/// <summary>The config file's shape: <c>{"server": "...", "token": "...", "caCert": "...", "allowCleartext": false}</c>; every key optional.</summary>
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
}
