using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

public sealed class ConfigureTests
{
    [Fact]
    public async Task Prints_the_documented_lines_for_the_documented_example()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync("Test");

        var configured = await host.RunAsync("configure", "--instance", "Test", "--port", "10933", "--noListen", "False",
            "--listenIpAddress", "127.0.0.1", "--trust", "0123456789ABCDEF0123456789ABCDEF01234567");

        Assert.Equal(new TentacleResult(0,
            "Adding 1 trusted Octopus Servers\n" +
            "Services listen port: 10933\n" +
            "Tentacle will listen on a TCP port\n" +
            "Listen on IP address: 127.0.0.1\n" +
            "These changes require a restart of the Tentacle.\n",
            string.Empty), configured);
    }

    [Fact]
    public async Task Applies_reset_then_remove_then_add_then_settings_whatever_the_argument_order()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync("Test");
        await host.MustSucceedAsync("configure", "--instance", "Test", "--trust", "AAAA", "--trust", "BBBB");
        var app = Path.Combine(host.Root, "Applications");

        var configured = await host.MustSucceedAsync("configure", "--instance", "Test", "--app", app, "--trust", "CCCC",
            "--noListen", "True", "--remove-trust", "CCCC", "--reset-trust", "--port=10934");

        Assert.Equal(new[]
        {
            "Removing all trusted Octopus Servers...",
            "Removing 1 trusted Octopus Servers",
            "Adding 1 trusted Octopus Servers",
            $"Application directory set to: {app}",
            "Tentacle will not listen on a port",
            "Services listen port: 10934",
            "These changes require a restart of the Tentacle.",
        }, configured.OutputLines);
        Assert.True(Directory.Exists(app));

        using var shown = JsonDocument.Parse((await host.MustSucceedAsync("show-configuration", "--instance", "Test")).Output);
        var tentacle = shown.RootElement.GetProperty("Tentacle");
        var trusted = tentacle.GetProperty("Communication").GetProperty("TrustedOctopusServers");
        Assert.Equal(["CCCC"], trusted.EnumerateArray().Select(s => s.GetProperty("Thumbprint").GetString()));
        Assert.Equal(2, trusted[0].GetProperty("CommunicationStyle").GetInt32());
        Assert.Equal(10934, tentacle.GetProperty("Services").GetProperty("PortNumber").GetInt32());
        Assert.True(tentacle.GetProperty("Services").GetProperty("NoListen").GetBoolean());
        Assert.Equal(app, tentacle.GetProperty("Deployment").GetProperty("ApplicationDirectory").GetString());
    }

    [Fact]
    public async Task Stores_the_settings_under_Tentacles_keys_in_the_XML_configuration()
    {
        await using var host = new LabHost();
        var thumbprint = await host.CreateInstanceWithCertificateAsync("Test");

        await host.MustSucceedAsync("configure", "--instance", "Test", "--port", "10933", "--listenIpAddress", "127.0.0.1",
            "--noListen", "False", "--trust", "0123456789ABCDEF0123456789ABCDEF01234567");

        var settings = System.Xml.Linq.XDocument.Load(host.ConfigPath("Test")).Root!.Elements("set")
            .ToDictionary(e => e.Attribute("key")!.Value, e => e.Value);
        Assert.Equal("10933", settings["Tentacle.Services.PortNumber"]);
        Assert.Equal("127.0.0.1", settings["Tentacle.Services.ListenIP"]);
        Assert.Equal("False", settings["Tentacle.Services.NoListen"]);
        Assert.Contains("0123456789ABCDEF0123456789ABCDEF01234567", settings["Tentacle.Communication.TrustedOctopusServers"]);
        Assert.Equal(thumbprint, settings["Tentacle.CertificateThumbprint"]);
        Assert.Equal(Path.GetDirectoryName(host.ConfigPath("Test")), settings["Octopus.Home"]);
        var stored = Convert.FromBase64String(settings["Tentacle.Certificate"]);
        Assert.ThrowsAny<CryptographicException>(() => X509CertificateLoader.LoadPkcs12(stored, null));
    }

    [Fact]
    public async Task Listen_on_any_clears_the_address()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync("Test");
        await host.MustSucceedAsync("configure", "--instance", "Test", "--listenIpAddress", "127.0.0.1");

        var configured = await host.MustSucceedAsync("configure", "--instance", "Test", "--listenIpAddress", "any");

        Assert.Equal("Listen on any IP address", configured.OutputLines[0]);
        using var shown = JsonDocument.Parse((await host.MustSucceedAsync("show-configuration", "--instance", "Test")).Output);
        Assert.Equal(JsonValueKind.Null, shown.RootElement.GetProperty("Tentacle").GetProperty("Services").GetProperty("ListenIP").ValueKind);
    }
}
