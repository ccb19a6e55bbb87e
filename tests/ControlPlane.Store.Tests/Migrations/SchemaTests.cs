using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Migrations;

namespace ControlPlane.Store.Tests.Migrations;

/// <summary>The CHECK constraints in the schema must accept every name the domain stores.</summary>
public class SchemaTests
{
    public static TheoryData<string, string> StoredNames()
    {
        var data = new TheoryData<string, string>();
        Add<RunState>(data, "runs");
        Add<StepState>(data, "steps");
        Add<AttemptState>(data, "attempts");
        Add<FailureClass>(data, "attempts");
        Add<RunnerState>(data, "runners");
        Add<LogStream>(data, "log_chunks");
        return data;
    }

    [Theory]
    [MemberData(nameof(StoredNames))]
    public void The_schema_allows_every_stored_name(string table, string name)
    {
        var schema = string.Concat(EmbeddedMigrations.All.Select(m => m.Sql));
        var create = schema[schema.IndexOf($"CREATE TABLE {table} (", StringComparison.Ordinal)..];
        create = create[..create.IndexOf(");", StringComparison.Ordinal)];

        Assert.Contains($"'{name}'", create, StringComparison.Ordinal);
    }

    private static void Add<TEnum>(TheoryData<string, string> data, string table)
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            data.Add(table, EnumText.ToText(value));
        }
    }
}
