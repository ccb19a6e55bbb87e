using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Hosting;

/// <summary>Checks the options on start so a bad flag fails with one clear line, not a stack trace later.</summary>
public sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var errors = new List<string>();
        var wantsTls = false;
        var exposed = new List<string>();
        foreach (var (flag, address, _) in options.AllListeners)
        {
            if (!ListenEndpoint.TryParse(address, out var endpoint, out var error))
            {
                errors.Add($"{flag}: {error}");
                continue;
            }

            wantsTls |= endpoint!.UseTls;
            if (!endpoint.IsLoopback)
            {
                exposed.Add(address);
            }
        }

        if (wantsTls)
        {
            RequireFile(errors, "--tls-cert", options.TlsCert, "an https:// listen address needs a PEM certificate");
            RequireFile(errors, "--tls-key", options.TlsKey, "an https:// listen address needs a PEM private key");
        }

        if (options.Dev && exposed.Count > 0)
        {
            errors.Add($"--dev: turns authentication off, so it is allowed only on loopback listeners (127.0.0.1, ::1, localhost); not on {string.Join(", ", exposed)}");
        }

        if (options.MaxStepsPerRun < 1)
        {
            errors.Add($"--max-steps-per-run: must be at least 1, got {options.MaxStepsPerRun}");
        }

        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            errors.Add("--data-dir: must not be empty");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequireFile(List<string> errors, string flag, string? path, string why)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            errors.Add($"{flag}: missing; {why}");
        }
        else if (!File.Exists(path))
        {
            errors.Add($"{flag}: file '{path}' does not exist");
        }
    }
}
