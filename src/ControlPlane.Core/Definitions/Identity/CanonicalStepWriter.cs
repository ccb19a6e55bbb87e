using System.Text.Json;

namespace ControlPlane.Core.Definitions.Identity;

/// <summary>The canonical form of a step, its action, retry settings and matrix.</summary>
internal static class CanonicalStepWriter
{
    public static void Write(Utf8JsonWriter writer, StepDefinition step)
    {
        writer.WriteStartObject();
        writer.WriteString("id", step.Id);
        CanonicalJson.String(writer, "name", step.Name);
        CanonicalJson.Strings(writer, "needs", step.Needs, sort: true);
        WriteAction(writer, step.Action);
        CanonicalJson.Strings(writer, "runs_on", step.RunsOn);
        CanonicalJson.Map(writer, "env", step.Env);
        CanonicalJson.String(writer, "working_directory", step.WorkingDirectory);
        CanonicalJson.Duration(writer, "timeout", step.Timeout);
        WriteRetry(writer, step.Retry);
        CanonicalJson.String(writer, "if", step.Condition);
        writer.WriteBoolean("continue_on_error", step.ContinueOnError);
        WriteMatrix(writer, step.Matrix);
        CanonicalJson.Map(writer, "outputs", step.Outputs);
        CanonicalJson.Strings(writer, "secrets", step.Secrets, sort: true);
        writer.WriteEndObject();
    }

    public static void WriteRetry(Utf8JsonWriter writer, RetrySettings? retry)
    {
        if (retry is null)
        {
            writer.WriteNull("retry");
            return;
        }

        writer.WriteStartObject("retry");
        CanonicalJson.Number(writer, "attempts", retry.Attempts);
        CanonicalJson.Duration(writer, "initial_backoff", retry.InitialBackoff);
        CanonicalJson.Number(writer, "factor", retry.Factor);
        CanonicalJson.Duration(writer, "max_backoff", retry.MaxBackoff);
        CanonicalJson.Number(writer, "jitter", retry.Jitter);
        CanonicalJson.Number(writer, "on", retry.On is { } on ? (int)on : null);
        CanonicalJson.Strings(writer, "exit_codes", retry.ExitCodes?.Order().Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        writer.WriteEndObject();
    }

    private static void WriteAction(Utf8JsonWriter writer, StepAction action)
    {
        writer.WriteStartObject("action");
        writer.WriteString("kind", action.Kind);
        switch (action)
        {
            case RunAction run:
                writer.WriteString("script", run.Script);
                writer.WriteString("shell", run.Shell.ToString());
                break;
            case DockerAction docker:
                writer.WriteString("image", docker.Image);
                CanonicalJson.Strings(writer, "command", docker.Command);
                CanonicalJson.Strings(writer, "entrypoint", docker.Entrypoint);
                CanonicalJson.Map(writer, "env", docker.Env);
                CanonicalJson.String(writer, "working_dir", docker.WorkingDir);
                CanonicalJson.String(writer, "user", docker.User);
                writer.WriteString("pull", docker.Pull.ToString());
                writer.WriteStartArray("mounts");
                foreach (var mount in docker.Mounts)
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", mount.Source);
                    writer.WriteString("target", mount.Target);
                    writer.WriteBoolean("read_only", mount.ReadOnly);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                break;
            case HttpAction http:
                writer.WriteString("method", http.Method);
                writer.WriteString("url", http.Url);
                CanonicalJson.Map(writer, "headers", http.Headers);
                CanonicalJson.String(writer, "body", http.Body);
                CanonicalJson.Strings(writer, "expected_status", http.ExpectedStatus.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                CanonicalJson.Duration(writer, "timeout", http.RequestTimeout);
                break;
            case SleepAction sleep:
                CanonicalJson.Duration(writer, "duration", sleep.Duration);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteMatrix(Utf8JsonWriter writer, MatrixDefinition? matrix)
    {
        if (matrix is null)
        {
            writer.WriteNull("matrix");
            return;
        }

        writer.WriteStartObject("matrix");
        writer.WriteStartArray("axes");
        foreach (var axis in matrix.Axes)
        {
            writer.WriteStartObject();
            writer.WriteString("name", axis.Name);
            writer.WriteStartArray("values");
            foreach (var value in axis.Values)
            {
                CanonicalJson.Scalar(writer, value);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("include");
        foreach (var entry in matrix.Include)
        {
            CanonicalJson.ScalarMap(writer, entry);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("exclude");
        foreach (var entry in matrix.Exclude)
        {
            CanonicalJson.ScalarMap(writer, entry);
        }

        writer.WriteEndArray();
        CanonicalJson.Number(writer, "max_parallel", matrix.MaxParallel);
        writer.WriteBoolean("fail_fast", matrix.FailFast);
        writer.WriteEndObject();
    }
}
