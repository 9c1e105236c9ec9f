namespace Coordinator.Cli.Tests;

/// <summary>The command line as an operator types it: options, defaults, and usage errors.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Endpoint_defaults_to_COORD_ENDPOINT_and_the_option_overrides_it()
    {
        var terminal = new CapturedTerminal(Environments.With("COORD_ENDPOINT", "10.0.0.9:4999")).Terminal;
        var root = CoordCommandLine.Create(terminal);

        var fromEnvironment = root.Parse(["status"]);
        var fromOption = root.Parse(["status", "--endpoint", "127.0.0.2:4100"]);

        Assert.Empty(fromEnvironment.Errors);
        Assert.Equal(new CoordinatorEndpoint("10.0.0.9", 4999), fromEnvironment.GetValue<CoordinatorEndpoint>("--endpoint"));
        Assert.Empty(fromOption.Errors);
        Assert.Equal(new CoordinatorEndpoint("127.0.0.2", 4100), fromOption.GetValue<CoordinatorEndpoint>("--endpoint"));
    }

    [Fact]
    public void Global_options_are_accepted_before_or_after_the_command()
    {
        var root = CoordCommandLine.Create(new CapturedTerminal().Terminal);

        var before = root.Parse(["--json", "--timeout", "3s", "ping"]);
        var after = root.Parse(["ping", "--json", "--timeout", "3s"]);

        foreach (var parsed in new[] { before, after })
        {
            Assert.Empty(parsed.Errors);
            Assert.True(parsed.GetValue<bool>("--json"));
            Assert.Equal(TimeSpan.FromSeconds(3), parsed.GetValue<TimeSpan>("--timeout"));
        }
    }

    [Fact]
    public void Timeout_defaults_to_ten_seconds()
    {
        var parsed = CoordCommandLine.Create(new CapturedTerminal().Terminal).Parse(["ping"]);

        Assert.Equal(TimeSpan.FromSeconds(10), parsed.GetValue<TimeSpan>("--timeout"));
    }

    [Theory]
    [InlineData("--endpoint", "nohost", "host:port")]
    [InlineData("--endpoint", "127.0.0.1:70000", "host:port")]
    [InlineData("--timeout", "soon", "500ms")]
    [InlineData("--timeout", "0", "500ms")]
    public async Task A_bad_option_value_is_a_usage_error_naming_the_option_and_the_expected_form(
        string option, string value, string expectedFormHint)
    {
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["ping", option, value], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains($"{option} '{value}'", captured.Error);
        Assert.Contains(expectedFormHint, captured.Error);
        Assert.Contains("coord ping --help", captured.Error);
        Assert.Equal("", captured.Out);
    }

    [Fact]
    public async Task A_malformed_COORD_ENDPOINT_is_a_usage_error_naming_the_variable()
    {
        var captured = new CapturedTerminal(Environments.With("COORD_ENDPOINT", "coordinator-without-port"));

        var exitCode = await CoordCommandLine.RunAsync(["status"], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("COORD_ENDPOINT='coordinator-without-port'", captured.Error);
        Assert.Equal("", captured.Out);
    }

    [Theory]
    [InlineData("unknown-command")]
    [InlineData("ping --no-such-option")]
    public async Task Unknown_commands_and_options_exit_with_the_usage_code(string commandLine)
    {
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(commandLine.Split(' '), captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("Unrecognized command or argument", captured.Error);
        Assert.Equal("", captured.Out);
    }

    [Fact]
    public async Task Bare_coord_shows_help_and_exits_with_the_usage_code()
    {
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync([], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("ping", captured.Out);
        Assert.Contains("status", captured.Out);
        Assert.Contains("--endpoint", captured.Out);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_global_options_and_succeeds()
    {
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["--help"], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        foreach (var expected in new[] { "ping", "status", "--endpoint <host:port>", "--json", "--timeout <duration>", "--version" })
        {
            Assert.Contains(expected, captured.Out);
        }
    }
}
