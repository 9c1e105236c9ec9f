using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

/// <summary>The certificate is bound to the machine: a copied configuration does not carry it to a rebuilt host.</summary>
public sealed class MachineIdentityTests
{
    [Fact]
    public async Task A_configuration_copied_to_a_recreated_host_loses_the_certificate_until_it_is_imported_again()
    {
        await using var original = new LabHost();
        await original.CreateInstanceWithCertificateAsync();
        var pfx = Path.Combine(original.Root, "retained.pfx");
        var retained = await original.MustSucceedAsync("new-certificate", "--instance", "Tentacle", "--export-pfx", pfx, "--pfx-password", "pw");
        await original.MustSucceedAsync("import-certificate", "--instance", "Tentacle", "--from-file", pfx, "--pfx-password", "pw");
        await using var recreated = new LabHost();
        Directory.CreateDirectory(Path.GetDirectoryName(recreated.ConfigPath("Tentacle"))!);
        File.Copy(original.ConfigPath("Tentacle"), recreated.ConfigPath("Tentacle"));

        var created = await recreated.MustSucceedAsync("create-instance", "--instance", "Tentacle", "--config", recreated.ConfigPath("Tentacle"));
        var lost = await recreated.RunAsync("show-thumbprint", "--instance", "Tentacle");
        var refusedToListen = await recreated.RunAsync("agent", "--instance", "Tentacle", "--noninteractive");
        await recreated.MustSucceedAsync("import-certificate", "--instance", "Tentacle", "--from-file", pfx, "--pfx-password", "pw");

        Assert.Equal($"Configuration file at {recreated.ConfigPath("Tentacle")} already exists.", created.OutputLines[0]);
        Assert.Equal(new TentacleResult(0, string.Empty, string.Empty), lost);
        Assert.Equal(1, refusedToListen.ExitCode);
        Assert.Contains("another machine", refusedToListen.Error);
        Assert.Equal(retained.OutputLines[1], await recreated.ThumbprintAsync());
        Assert.Equal(retained.OutputLines[1], await original.ThumbprintAsync());
    }

    [Fact]
    public async Task The_listener_refuses_to_start_without_a_certificate_and_says_why()
    {
        await using var host = new LabHost();
        await host.MustSucceedAsync("create-instance", "--instance", "Tentacle", "--config", host.ConfigPath("Tentacle"));

        var refused = await host.RunAsync("run", "--instance", "Tentacle", "--noninteractive");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("no certificate", refused.Error);
    }
}
