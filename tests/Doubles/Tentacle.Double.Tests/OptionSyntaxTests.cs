using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

/// <summary>A machine with two instances, so picking the wrong one (or the default) would show.</summary>
public sealed class TwoInstanceHost : IAsyncLifetime
{
    public LabHost Host { get; } = new();
    public string TestThumbprint { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        TestThumbprint = await Host.CreateInstanceWithCertificateAsync("Test");
        await Host.CreateInstanceWithCertificateAsync("Other");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class OptionSyntaxTests(TwoInstanceHost machine) : IClassFixture<TwoInstanceHost>
{
    [Theory]
    [InlineData("--instance=Test")]
    [InlineData("--instance:Test")]
    [InlineData("-instance=Test")]
    [InlineData("/instance:Test")]
    [InlineData("--INSTANCE=Test")]
    [InlineData("/Instance", "Test")]
    [InlineData("-iNsTaNcE", "Test")]
    public async Task Options_take_any_prefix_separator_and_case(params string[] instanceOption)
    {
        var shown = await machine.Host.RunAsync(["show-thumbprint", .. instanceOption, "--Format", "json"]);

        Assert.Equal(new TentacleResult(0, $"{{\"Thumbprint\":\"{machine.TestThumbprint}\"}}", string.Empty), shown);
    }
}
