using OctopusServer.Double;

namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>
/// What a Tentacle test class shares: a lab, the in-process Octopus Server double, the Tentacle double's
/// installers and one retained PFX. All start together before the class's first test.
/// </summary>
public abstract class TentacleLab(int linux, int windows) : IAsyncLifetime
{
    private LabFixture? _lab;
    private OctopusServerDouble? _octopus;
    private TentacleInstallers? _installers;
    private RetainedPfx? _pfx;

    public LabFixture Lab => _lab!;

    public OctopusServerDouble Octopus => _octopus!;

    internal TentacleInstallers Installers => _installers!;

    internal RetainedPfx Pfx => _pfx!;

    public async Task InitializeAsync()
    {
        _pfx = RetainedPfx.Generate();
        var octopus = OctopusServerDouble.StartAsync(new OctopusServerDoubleOptions { Environments = ["Lab"] });
        var installers = TentacleInstallers.PackAsync();
        var lab = LabFixture.StartAsync(linux, windows);
        try
        {
            await Task.WhenAll(octopus, installers, lab);
        }
        finally
        {
            // Whatever did start is cleared up by DisposeAsync, even when something else failed.
            _octopus = octopus.IsCompletedSuccessfully ? octopus.Result : null;
            _installers = installers.IsCompletedSuccessfully ? installers.Result : null;
            _lab = lab.IsCompletedSuccessfully ? lab.Result : null;
        }
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
        _pfx?.Dispose();
    }
}

public sealed class LinuxTentacleLab() : TentacleLab(linux: 2, windows: 0);

public sealed class WindowsTentacleLab() : TentacleLab(linux: 0, windows: 1);
