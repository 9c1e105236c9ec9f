namespace Coordinator.Tentacle.Tests.Support;

/// <summary>The Tentacle double's tarball and MSI stand-in, packed once for the tests that install them.</summary>
public sealed class TentacleInstallers : IAsyncLifetime
{
    public const string Version = "8.3.2971";

    readonly TempDirectory directory = new();

    public string Tarball => directory.Combine($"tentacle-{Version}-net8.0-linux-x64.tar.gz");
    public string Msi => directory.Combine($"Octopus.Tentacle.{Version}-x64.msi");

    public async Task InitializeAsync()
    {
        var packed = await ProcessRun.RunAsync(Repository.Dotnet, [Repository.TentacleDouble, "pack", "--output", directory.Path]);
        Assert.True(packed.ExitCode == 0, $"pack failed: {packed}");
        Assert.True(File.Exists(Tarball) && File.Exists(Msi), $"pack did not write the installers: {packed}");
    }

    public Task DisposeAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class TentacleInstallersCollection : ICollectionFixture<TentacleInstallers>
{
    public const string Name = "Tentacle installers";
}
