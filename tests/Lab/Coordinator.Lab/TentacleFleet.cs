using OctopusServer.Double;

namespace Coordinator.Lab;

/// <summary>
/// Lab hosts, the Octopus Server double in this process and the Tentacle double's installers: what every test and
/// demo of a whole bootstrap needs. The three start together; if one fails, the others are stopped again.
/// </summary>
public sealed class TentacleFleet : IAsyncDisposable
{
    private TentacleFleet(LabFixture lab, OctopusServerDouble octopus, TentacleInstallers installers)
    {
        Lab = lab;
        Octopus = octopus;
        Installers = installers;
    }

    public LabFixture Lab { get; }

    public OctopusServerDouble Octopus { get; }

    public TentacleInstallers Installers { get; }

    public static async Task<TentacleFleet> StartAsync(int linux, int windows, IReadOnlyList<string> environments)
    {
        var octopus = OctopusServerDouble.StartAsync(new OctopusServerDoubleOptions { Environments = environments });
        var installers = TentacleInstallers.PackAsync();
        var lab = LabFixture.StartAsync(linux, windows);
        try
        {
            await Task.WhenAll(octopus, installers, lab);
            return new TentacleFleet(lab.Result, octopus.Result, installers.Result);
        }
        catch
        {
            if (lab.IsCompletedSuccessfully)
            {
                await lab.Result.DisposeAsync();
            }

            if (octopus.IsCompletedSuccessfully)
            {
                await octopus.Result.DisposeAsync();
            }

            if (installers.IsCompletedSuccessfully)
            {
                installers.Result.Dispose();
            }

            throw;
        }
    }

    /// <summary>Writes the double's API key to an owner-only file; returns the inventory's reference to it (<c>file:PATH</c>).</summary>
    public async Task<string> WriteApiKeyAsync(string path)
    {
        await File.WriteAllTextAsync(path, Octopus.ApiKey + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return "file:" + path;
    }

    /// <summary>An inventory of these hosts in <paramref name="environment"/> (see <see cref="LabInventory"/>).</summary>
    public string Inventory(IEnumerable<LabHost> hosts, string apiKeyReference, string environment, string hostKeyPolicy = "strict", string? windowsIis = null) =>
        LabInventory.Yaml(Lab, hosts, Octopus.BaseUri, apiKeyReference, Installers, environment, hostKeyPolicy, windowsIis);

    public async ValueTask DisposeAsync()
    {
        await Lab.DisposeAsync();
        await Octopus.DisposeAsync();
        Installers.Dispose();
    }
}
