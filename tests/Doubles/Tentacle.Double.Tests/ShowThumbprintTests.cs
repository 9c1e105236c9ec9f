using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

public sealed class ShowThumbprintTests
{
    [Fact]
    public async Task Prints_exactly_the_upper_case_thumbprint_with_no_newline_and_nothing_on_stderr()
    {
        await using var host = new LabHost();
        var generated = await host.CreateInstanceWithCertificateAsync();

        var shown = await host.RunAsync("show-thumbprint", "--instance", "Tentacle");

        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(generated, shown.Output);
        Assert.Matches("^[0-9A-F]{40}$", shown.Output);
        Assert.Equal(string.Empty, shown.Error);
    }

    [Fact]
    public async Task Json_format_wraps_the_thumbprint_with_no_newline()
    {
        await using var host = new LabHost();
        var generated = await host.CreateInstanceWithCertificateAsync();

        var shown = await host.MustSucceedAsync("show-thumbprint", "--instance", "Tentacle", "--format=json");

        Assert.Equal($"{{\"Thumbprint\":\"{generated}\"}}", shown.Output);
    }

    [Fact]
    public async Task Prints_nothing_and_succeeds_before_any_certificate_exists()
    {
        await using var host = new LabHost();
        await host.MustSucceedAsync("create-instance", "--instance", "Tentacle", "--config", host.ConfigPath("Tentacle"));

        var shown = await host.RunAsync("show-thumbprint", "--instance", "Tentacle");

        Assert.Equal(new TentacleResult(0, string.Empty, string.Empty), shown);
    }
}
