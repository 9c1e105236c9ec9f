namespace Coordinator.Tentacle.Tests;

/// <summary>Parsing what Tentacle prints, byte for byte as the spec gives it.</summary>
public sealed class TentacleOutputTests
{
    [Theory]
    [InlineData("DF5C6B8BD9B9BB1A92A14376A98C314DF6EC381C", "DF5C6B8BD9B9BB1A92A14376A98C314DF6EC381C")]
    [InlineData("df5c6b8bd9b9bb1a92a14376a98c314df6ec381c\n", "DF5C6B8BD9B9BB1A92A14376A98C314DF6EC381C")]
    [InlineData("", null)]
    [InlineData("\r\n", null)]
    public void Show_thumbprint_output_is_the_upper_case_thumbprint_or_none(string output, string? expected) =>
        Assert.Equal(expected, TentacleOutput.ParseThumbprint(output));

    [Theory]
    [InlineData("A certificate already exists, no changes will be applied.")]
    [InlineData("DF5C6B8BD9B9BB1A92A14376A98C314DF6EC381")]
    public void Anything_else_from_show_thumbprint_is_a_format_error(string output) =>
        Assert.Throws<FormatException>(() => TentacleOutput.ParseThumbprint(output));

    [Theory]
    [InlineData("8.3.2971", "8.3.2971")]
    [InlineData("8.3.2971+Branch.main.Sha.abc\n", "8.3.2971+Branch.main.Sha.abc")]
    public void Version_output_is_the_version(string output, string expected) => Assert.Equal(expected, TentacleOutput.ParseVersion(output));

    [Fact]
    public void Version_output_that_is_not_a_version_is_a_format_error() =>
        Assert.Throws<FormatException>(() => TentacleOutput.ParseVersion("Command 'version' is not supported"));

    [Fact]
    public void List_instances_json_gives_names_and_configuration_paths()
    {
        const string output = """
            [
              {
                "InstanceName": "Tentacle",
                "ConfigurationFilePath": "/etc/octopus/Tentacle/tentacle-Tentacle.config"
              },
              {
                "InstanceName": "Web 01",
                "ConfigurationFilePath": "C:\\Octopus\\Web 01.config"
              }
            ]
            """;

        Assert.Equal(
            [new TentacleInstance("Tentacle", "/etc/octopus/Tentacle/tentacle-Tentacle.config"), new TentacleInstance("Web 01", @"C:\Octopus\Web 01.config")],
            TentacleOutput.ParseInstances(output).ToArray());
        Assert.Empty(TentacleOutput.ParseInstances("[]"));
        Assert.Throws<FormatException>(() => TentacleOutput.ParseInstances("No instances installed"));
    }

    [Fact]
    public void Show_configuration_json_gives_the_settings_configure_controls()
    {
        const string output = """
            {
              "Octopus": { "Home": "/etc/octopus/Tentacle" },
              "Tentacle": {
                "CertificateThumbprint": "DF5C6B8BD9B9BB1A92A14376A98C314DF6EC381C",
                "Communication": { "TrustedOctopusServers": [ { "Thumbprint": "0123456789ABCDEF0123456789ABCDEF01234567", "CommunicationStyle": 1 } ] },
                "Deployment": { "ApplicationDirectory": "/home/Octopus/Applications" },
                "Services": { "ListenIP": null, "NoListen": false, "PortNumber": 10933 }
              }
            }
            """;

        Assert.Equal(
            new TentacleConfiguration("/etc/octopus/Tentacle", "/home/Octopus/Applications", 10933, null, false, ["0123456789ABCDEF0123456789ABCDEF01234567"]),
            TentacleOutput.ParseConfiguration(output));
    }

    [Fact]
    public void Show_configuration_with_flat_keys_is_read_too()
    {
        const string output = """
            {"Octopus.Home":"C:\\Octopus","Tentacle.Services.PortNumber":"10933","Tentacle.Services.NoListen":"False",
             "Tentacle.Services.ListenIP":"10.0.0.5",
             "Tentacle.Communication.TrustedOctopusServers":"[{\"Thumbprint\":\"0123456789ABCDEF0123456789ABCDEF01234567\"}]"}
            """;

        Assert.Equal(
            new TentacleConfiguration(@"C:\Octopus", null, 10933, "10.0.0.5", false, ["0123456789ABCDEF0123456789ABCDEF01234567"]),
            TentacleOutput.ParseConfiguration(output));
    }

    [Theory]
    [InlineData(0, TentacleExitMeaning.Success)]
    [InlineData(1, TentacleExitMeaning.ControlledFailure)]
    [InlineData(2, TentacleExitMeaning.UnknownCommand)]
    [InlineData(100, TentacleExitMeaning.Exception)]
    [InlineData(127, TentacleExitMeaning.NotTentacle)]
    public void Exit_codes_have_the_specs_meaning(int exitCode, TentacleExitMeaning meaning) =>
        Assert.Equal(meaning, TentacleExitCodes.Meaning(exitCode));
}

/// <summary>The installer's file name gives the version the install step then expects.</summary>
public sealed class InstallerFileNameTests
{
    [Theory]
    [InlineData("tentacle-8.3.2971-net8.0-linux-x64.tar.gz", InstallerKind.Tarball, "8.3.2971")]
    [InlineData("/var/lib/coordinator/installers/tentacle-8.3.2971-net8.0-linux-x64.tar.gz", InstallerKind.Tarball, "8.3.2971")]
    [InlineData("Octopus.Tentacle.8.3.2971-x64.msi", InstallerKind.Msi, "8.3.2971")]
    [InlineData("Octopus.Tentacle.6.0.1.msi", InstallerKind.Msi, "6.0.1")]
    public void Octopus_installer_names_give_kind_and_version(string fileName, InstallerKind kind, string version) =>
        Assert.Equal((kind, version), InstallerFileName.Read(fileName));

    [Theory]
    [InlineData("tentacle.tar.gz")]
    [InlineData("Octopus.Tentacle.latest.msi")]
    [InlineData("tentacle_8.3.2971_amd64.deb")]
    public void Other_names_give_nothing(string fileName) => Assert.Null(InstallerFileName.Read(fileName));
}
