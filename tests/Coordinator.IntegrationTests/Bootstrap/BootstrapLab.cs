using Coordinator.Lab;
using OctopusServer.Double;

namespace Coordinator.IntegrationTests.Bootstrap;

/// <summary>
/// What the bootstrap tests share: lab hosts (real sshd on 127.0.0.n, Linux and Windows-flavoured), the Octopus Server
/// double in this process, the Tentacle double's installers, and a 0600 file holding the API key.
/// </summary>
public abstract class BootstrapLab(int linux, int windows) : IAsyncLifetime
{
    public const string Environment = "Lab";

    private LabFixture? _lab;
    private OctopusServerDouble? _octopus;
    private TentacleInstallers? _installers;

    public LabFixture Lab => _lab!;

    public OctopusServerDouble Octopus => _octopus!;

    public TentacleInstallers Installers => _installers!;

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("coordinator-bootstrap-").FullName;

    public string ApiKeyFile => Path.Combine(WorkDirectory, "octopus-api-key");

    public async Task InitializeAsync()
    {
        var octopus = OctopusServerDouble.StartAsync(new OctopusServerDoubleOptions { Environments = [Environment, "Staging"] });
        var installers = TentacleInstallers.PackAsync();
        var lab = LabFixture.StartAsync(linux, windows);
        try
        {
            await Task.WhenAll(octopus, installers, lab);
        }
        finally
        {
            _octopus = octopus.IsCompletedSuccessfully ? octopus.Result : null;
            _installers = installers.IsCompletedSuccessfully ? installers.Result : null;
            _lab = lab.IsCompletedSuccessfully ? lab.Result : null;
        }

        await File.WriteAllTextAsync(ApiKeyFile, Octopus.ApiKey + "\n");
        File.SetUnixFileMode(ApiKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Writes an inventory of these hosts in <see cref="Environment"/> and returns its path.</summary>
    public string WriteInventory(string name, IEnumerable<LabHost> hosts, string? apiKey = null, string hostKeyPolicy = "strict")
    {
        var path = Path.Combine(WorkDirectory, name);
        File.WriteAllText(path, LabInventory.Yaml(Lab, hosts, Octopus.BaseUri, apiKey ?? "file:" + ApiKeyFile, Installers, Environment, hostKeyPolicy));
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        if (_octopus is not null)
        {
            await _octopus.DisposeAsync();
        }

        _installers?.Dispose();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
