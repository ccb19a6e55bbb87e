using System.ComponentModel;
using System.Text;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Scheduling;
using ControlPlane.Settings;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.Server.Tests.Hosting;

public class ConfigurationSectionsTests
{
    [Fact]
    public void A_config_file_takes_durations_in_the_grammar_of_flags_and_workflow_files_and_timespan_text_still_reads()
    {
        var options = ConfigurationSections.Bind<SchedulerOptions>(Json("""{ "Scheduler": { "RunnerLostTimeout": "1m30s", "OfferTimeout": "00:00:20" } }"""), SchedulerOptions.Section);

        Assert.Equal((TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(20)), (options.RunnerLostTimeout, options.OfferTimeout));
        Assert.IsType<DurationConverter>(TypeDescriptor.GetConverter(typeof(TimeSpan)));
    }

    [Theory]
    [InlineData("""{ "Scheduler": { "OfferTimeout": "soon" } }""", "Scheduler:OfferTimeout: invalid duration 'soon'")]
    [InlineData("""{ "Scheduler": { "MaxDecisionsPerTick": "many" } }""", "Scheduler:MaxDecisionsPerTick: ")]
    public void A_bad_value_in_a_config_file_is_one_line_naming_its_key(string json, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ConfigurationSections.Bind<SchedulerOptions>(Json(json), SchedulerOptions.Section));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Repeatable_flags_take_repeats_and_comma_separated_lists_alike_and_switches_take_the_shared_words()
    {
        var values = ServerFlags.FromArguments(["--listen", "http://127.0.0.1:1,http://127.0.0.1:2", "--listen", "http://127.0.0.1:3", "--dev=yes", "--allow-cleartext=0"]);

        Assert.Equal(["http://127.0.0.1:1", "http://127.0.0.1:2", "http://127.0.0.1:3"], ServerFlags.RepeatedValues(values, "Server:Listen"));
        Assert.Equal(("true", "false"), (values["Server:Dev"], values["Server:AllowCleartext"]));
        Assert.Equal("--dev: 'maybe' is not true or false", Assert.Throws<UsageException>(() => ServerFlags.FromArguments(["--dev=maybe"])).Message);
        Assert.Equal("CP_DEV: 'maybe' is not true or false", Assert.Throws<UsageException>(() => ServerFlags.FromEnvironment(n => n == "CP_DEV" ? "maybe" : null)).Message);
    }

    private static IConfiguration Json(string json)
    {
        DurationConverter.Register();
        return new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
    }
}
