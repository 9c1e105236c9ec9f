using Coordinator.Tentacle.Tests.Support;

namespace Coordinator.Tentacle.Tests;

/// <summary>Settings are checked before any script exists: what cannot be quoted safely or would not work is refused with a reason.</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("web\n01")]
    [InlineData("web\r01")]
    [InlineData("web\u000001")]
    [InlineData("web\t01")]
    public void Control_characters_are_refused_before_any_script_is_written(string instance)
    {
        var refused = Assert.Throws<InvalidTentacleSettingsException>(() => TentacleStepScripts.For(Samples.Linux() with { Instance = instance }));

        Assert.Contains(refused.Problems, p => p.Contains("control character", StringComparison.Ordinal));
        Assert.DoesNotContain("\n", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tarballs_root_folder_fixes_the_last_segment_of_the_linux_install_directory()
    {
        var refused = Assert.Throws<InvalidTentacleSettingsException>(() =>
            TentacleStepScripts.For(Samples.Linux() with { InstallDirectory = "/opt/octopus/agent", Executable = "/opt/octopus/agent/Tentacle" }));

        var problem = Assert.Single(refused.Problems);
        Assert.Contains("must end with /tentacle", problem, StringComparison.Ordinal);
        Assert.Contains("root folder is tentacle/", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_install_directory_is_free_when_no_installer_is_uploaded()
    {
        var scripts = TentacleStepScripts.For(Samples.Linux() with { InstallDirectory = "/usr/lib/tentacle-agent", Installer = null });

        Assert.Throws<InvalidOperationException>(() => scripts.Install());
    }

    [Fact]
    public void Windows_values_with_double_quotes_are_refused()
    {
        var refused = Assert.Throws<InvalidTentacleSettingsException>(() =>
            TentacleStepScripts.For(Samples.Windows() with { HomeDirectory = @"C:\Octopus ""Home""" }));

        Assert.Contains(refused.Problems, p => p.Contains("double quote", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var refused = Assert.Throws<InvalidTentacleSettingsException>(() => TentacleStepScripts.For(Samples.Linux() with
        {
            ConfigurationFile = "relative/tentacle.config",
            ListenPort = 0,
            ListenAddress = "everywhere",
            ServerThumbprint = "not-a-thumbprint",
            Instance = "--instance",
            Installer = new TentacleInstaller("/tmp/Octopus.Tentacle.msi", InstallerKind.Msi),
            ExpectedVersion = "latest",
        }));

        Assert.Equal(7, refused.Problems.Count);
    }

    [Fact]
    public void Settings_are_normalised_thumbprint_upper_case_and_directories_without_trailing_separators()
    {
        var scripts = TentacleStepScripts.For(Samples.Windows() with
        {
            ServerThumbprint = Samples.ServerThumbprint.ToLowerInvariant(),
            InstallDirectory = @"C:\Program Files\Octopus Deploy\Tentacle\",
            HomeDirectory = @"C:\",
            ListenAddress = "Any",
        });

        Assert.Equal(Samples.ServerThumbprint, scripts.Desired.ServerThumbprint);
        Assert.Equal(@"C:\Program Files\Octopus Deploy\Tentacle", scripts.Desired.InstallDirectory);
        Assert.Equal(@"C:\", scripts.Desired.HomeDirectory);
        Assert.Equal("any", scripts.Desired.ListenAddress);
        Assert.Contains(@"'INSTALLLOCATION=""C:\Program Files\Octopus Deploy\Tentacle""'", scripts.Install().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_import_step_refuses_a_relative_upload_path_and_a_malformed_thumbprint()
    {
        var scripts = TentacleStepScripts.For(Samples.Linux());

        var refused = Assert.Throws<InvalidTentacleSettingsException>(() => scripts.ImportCertificate("upload.pfx", "ABC"));

        Assert.Equal(2, refused.Problems.Count);
    }
}
