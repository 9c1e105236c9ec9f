using OctopusServer.Double;

namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>
/// What a Tentacle test class shares: a lab, the in-process Octopus Server double, the Tentacle double's
/// installers and one retained PFX. All start together before the class's first test.
/// </summary>
public abstract class TentacleLab(int linux, int windows) : IAsyncLifetime
{
    private TentacleFleet? _fleet;
    private RetainedPfx? _pfx;

    public LabFixture Lab => _fleet!.Lab;

    public OctopusServerDouble Octopus => _fleet!.Octopus;

    internal TentacleInstallers Installers => _fleet!.Installers;

    internal RetainedPfx Pfx => _pfx!;

    public async Task InitializeAsync()
    {
        _pfx = RetainedPfx.Generate();
        _fleet = await TentacleFleet.StartAsync(linux, windows, ["Lab"]);
    }

    public async Task DisposeAsync()
    {
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        _pfx?.Dispose();
    }
}

public sealed class LinuxTentacleLab() : TentacleLab(linux: 2, windows: 0);

public sealed class WindowsTentacleLab() : TentacleLab(linux: 0, windows: 1);
