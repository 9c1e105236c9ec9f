using Coordinator.Tentacle.Tests.Support;

namespace Coordinator.Tentacle.Tests;

/// <summary>
/// Scripts are made of fixed text and the values given — nothing else. Replacing the given values by placeholders
/// turns the scripts for two unrelated hosts into the same text, so no hidden input (let alone a secret) can be in them.
/// </summary>
public sealed class NoSecretsTests
{
    [Fact]
    public void Linux_scripts_contain_nothing_but_the_given_values()
    {
        var first = Values(TentaclePlatform.Linux, "alpha", "/srv/a1", 10933, "127.0.0.2", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB1");
        var second = Values(TentaclePlatform.Linux, "omega", "/var/z9", 20944, "127.0.0.3", "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC2", "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD2");

        AssertSameShape(first, second);
    }

    [Fact]
    public void Windows_scripts_contain_nothing_but_the_given_values()
    {
        var first = Values(TentaclePlatform.Windows, "alpha", @"C:\Srv A1", 10933, "127.0.0.2", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB1");
        var second = Values(TentaclePlatform.Windows, "omega", @"D:\Var Z9", 20944, "127.0.0.3", "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC2", "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD2");

        AssertSameShape(first, second);
    }

    [Fact]
    public void No_script_passes_a_password_or_makes_a_new_certificate()
    {
        foreach (var desired in new[] { Samples.Linux(), Samples.Windows() })
        {
            foreach (var (name, script) in Samples.AllScripts(desired, desired.Platform == TentaclePlatform.Linux ? "/tmp/c.pfx" : @"C:\Windows\Temp\c.pfx"))
            {
                foreach (var forbidden in new[] { "password", "--pw", "new-certificate", "from-base64", "export" })
                    Assert.False(script.Text.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"{name} contains '{forbidden}'");
            }
        }
    }

    sealed record HostValues(DesiredTentacle Desired, string Pfx, string CertificateThumbprint, IReadOnlyList<(string Value, string Placeholder)> Substitutions);

    static HostValues Values(TentaclePlatform platform, string name, string root, int port, string address, string server, string certificate)
    {
        var windows = platform == TentaclePlatform.Windows;
        string Under(string relative) => windows ? $@"{root}\{relative.Replace('/', '\\')}" : $"{root}/{relative}";
        var desired = new DesiredTentacle(
            platform,
            Under(windows ? "tentacle/Tentacle.exe" : "tentacle/Tentacle"),
            Under("tentacle"),
            name,
            Under("etc/" + name + ".config"),
            Under("home"),
            Under("apps"),
            port,
            address,
            server,
            new TentacleInstaller(Under("upload/installer"), windows ? InstallerKind.Msi : InstallerKind.Tarball),
            "8.3.2971");
        var pfx = Under("upload/certificate.pfx");
        // Longest first, so a value is replaced before any value it contains.
        var substitutions = new (string, string)[]
            {
                (root, "<root>"), (name, "<name>"), (port.ToString(System.Globalization.CultureInfo.InvariantCulture), "<port>"),
                (address, "<address>"), (server, "<server>"), (certificate, "<certificate>"),
            }
            .OrderByDescending(s => s.Item1.Length).ToList();
        return new HostValues(desired, pfx, certificate, substitutions);
    }

    static void AssertSameShape(HostValues first, HostValues second)
    {
        var firstScripts = Scripts(first);
        var secondScripts = Scripts(second);
        for (var i = 0; i < firstScripts.Count; i++)
        {
            Assert.Equal(Placeholders(firstScripts[i].Description, first), Placeholders(secondScripts[i].Description, second));
            Assert.Equal(Placeholders(firstScripts[i].Text, first), Placeholders(secondScripts[i].Text, second));
        }
    }

    static IReadOnlyList<TentacleScript> Scripts(HostValues host)
    {
        var scripts = TentacleStepScripts.For(host.Desired);
        return [scripts.Probe(), scripts.Install(), scripts.CreateInstance(), scripts.ImportCertificate(host.Pfx, host.CertificateThumbprint),
            scripts.Configure(), scripts.Configure(resetListenAddress: true), scripts.StartService(), scripts.RestartService()];
    }

    static string Placeholders(string text, HostValues host) =>
        host.Substitutions.Aggregate(text, (current, substitution) => current.Replace(substitution.Value, substitution.Placeholder, StringComparison.Ordinal));
}
