using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task A_value_that_looks_like_a_path_is_taken_as_the_next_argument()
    {
        await using var host = new LabHost();
        var config = host.ConfigPath("Test");

        var created = await host.RunAsync("create-instance", "/instance", "Test", "-config", config);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal($"Creating empty configuration file: {config}", created.OutputLines[0]);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("export-certificate")]
    public async Task An_unknown_command_exits_2_with_a_message_on_stderr(string command)
    {
        await using var host = new LabHost();

        var result = await host.RunAsync(command, "--instance", "Test");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"Command '{command}' is not supported\n", result.Error);
    }

    [Fact]
    public async Task An_unknown_argument_exits_1_naming_everything_unrecognized()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync();

        var result = await host.RunAsync("configure", "--instance", "Tentacle", "--bogus", "value", "--port", "10933");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Unrecognized command line arguments: --bogus value\n", result.Error);
    }

    [Fact]
    public async Task An_unknown_instance_exits_1_listing_the_available_ones()
    {
        await using var host = new LabHost();
        await host.MustSucceedAsync("create-instance", "--instance", "Test2", "--config", host.ConfigPath("Test2"));
        await host.MustSucceedAsync("create-instance", "--instance", "Test", "--config", host.ConfigPath("Test"));

        var result = await host.RunAsync("show-thumbprint", "--instance", "Nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Instance Nope of Tentacle has not been configured on this machine. Available instances: Test, Test2.\n", result.Error);
    }

    [Fact]
    public async Task Create_instance_reports_what_it_did_and_is_idempotent()
    {
        await using var host = new LabHost();
        var config = host.ConfigPath("Test");

        var first = await host.MustSucceedAsync("create-instance", "--instance", "Test", "--config", config);
        var again = await host.MustSucceedAsync("create-instance", "--instance", "Test", "--config", config);

        Assert.Equal(
            new[] { $"Creating empty configuration file: {config}", "Saving instance: Test", $"Setting home directory to: {Path.GetDirectoryName(config)}" },
            first.OutputLines);
        Assert.Equal($"Configuration file at {config} already exists.", again.OutputLines[0]);
        Assert.Equal(first.OutputLines[1..], again.OutputLines[1..]);
        var index = await File.ReadAllTextAsync(Path.Combine(host.MachineHome, "Tentacle", "Instances", "Test.config"));
        Assert.Contains($"\"ConfigurationFilePath\": \"{config}\"", index);
        Assert.Contains("<octopus-settings>", await File.ReadAllTextAsync(config));
    }

    [Fact]
    public async Task Without_instance_the_one_named_Tentacle_is_used_else_the_only_one_else_an_error()
    {
        await using var host = new LabHost();
        var onlyOne = await host.CreateInstanceWithCertificateAsync("Alpha");
        var whenAlone = await host.MustSucceedAsync("show-thumbprint");
        await host.CreateInstanceWithCertificateAsync("Beta");
        var ambiguous = await host.RunAsync("show-thumbprint");
        var named = await host.CreateInstanceWithCertificateAsync("Tentacle");
        var withDefault = await host.MustSucceedAsync("show-thumbprint");

        Assert.Equal(onlyOne, whenAlone.Output);
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("Available instances: Alpha, Beta.", ambiguous.Error);
        Assert.Equal(named, withDefault.Output);
    }

    [Fact]
    public async Task List_and_delete_instances_touch_only_the_index()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync("Test");
        await host.MustSucceedAsync("create-instance", "--instance", "Other", "--config", host.ConfigPath("Other"));

        var listed = await host.MustSucceedAsync("list-instances");
        var json = await host.MustSucceedAsync("list-instances", "--format=json");
        var deleted = await host.MustSucceedAsync("delete-instance", "--instance", "Test");
        var remaining = await host.MustSucceedAsync("list-instances");

        Assert.Equal(
            $"Instance 'Other' uses configuration '{host.ConfigPath("Other")}'.\nInstance 'Test' uses configuration '{host.ConfigPath("Test")}'.\n",
            listed.Output);
        Assert.Contains($"\"InstanceName\": \"Test\",\n    \"ConfigurationFilePath\": \"{host.ConfigPath("Test")}\"", json.Output);
        Assert.Equal("Deleted instance: Test\n", deleted.Output);
        Assert.Equal($"Instance 'Other' uses configuration '{host.ConfigPath("Other")}'.\n", remaining.Output);
        Assert.True(File.Exists(host.ConfigPath("Test")));
    }

    [Fact]
    public async Task Version_prints_the_fixed_version_with_no_newline()
    {
        await using var host = new LabHost();

        var version = await host.RunAsync("version");

        Assert.Equal(new TentacleResult(0, "8.3.2971", string.Empty), version);
    }
}
