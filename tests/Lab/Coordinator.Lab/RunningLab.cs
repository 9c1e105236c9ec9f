using System.Net;

namespace Coordinator.Lab;

/// <summary>
/// A lab that some process started (usually <c>lab up</c>), opened from its state directory to look
/// at it or operate its hosts from another process. The owner keeps the addresses; this only acts.
/// </summary>
public sealed class RunningLab
{
    private static readonly TimeSpan OwnerStopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan OwnerKillTimeout = TimeSpan.FromSeconds(10);

    private readonly LabDirectory _lab;

    private RunningLab(LabState state)
    {
        State = state;
        _lab = new LabDirectory(state.StateDirectory);
        var clientFiles = new LabClientFiles(_lab, state.OwnerProcessId, state.OwnerStartTime);
        var hosts = new List<LabHost>();
        hosts.AddRange(state.Hosts.Select(host => new LabHost(
            new HostSpec(host.Name, IPAddress.Parse(host.Address), host.Port, host.Flavour, LabOptions.DefaultStartTimeout),
            _lab,
            token => clientFiles.WriteAsync(hosts, token),
            host.HostPublicKey)));
        Hosts = hosts;
    }

    /// <summary>The state file as it was when the lab was opened.</summary>
    public LabState State { get; }

    public IReadOnlyList<LabHost> Hosts { get; }

    /// <summary>The lab described in <paramref name="stateDirectory"/>, or null when no lab is up there.</summary>
    public static async Task<RunningLab?> OpenAsync(string stateDirectory, CancellationToken cancellationToken = default) =>
        await LabState.ReadAsync(stateDirectory, cancellationToken) is { } state ? new RunningLab(state) : null;

    public LabHost Host(string name) =>
        Hosts.FirstOrDefault(host => host.Name == name)
        ?? throw new LabException($"The lab in {State.StateDirectory} has no host '{name}'; it has {string.Join(", ", Hosts.Select(host => host.Name))}.");

    /// <summary>
    /// Stops the lab: asks its owner to shut it down (SIGTERM, SIGKILL if it does not go), then stops
    /// whatever hosts are still up (an owner that died leaves its hosts behind) and removes the state file.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (State.OwnerIsAlive && ProcFs.Signal(State.OwnerProcessId, ProcFs.SigTerm)
            && !await Poll.UntilAsync(() => !State.OwnerIsAlive, OwnerStopTimeout, cancellationToken))
        {
            ProcFs.Signal(State.OwnerProcessId, ProcFs.SigKill);
            await Poll.UntilAsync(() => !State.OwnerIsAlive, OwnerKillTimeout, cancellationToken);
        }

        await Task.WhenAll(Hosts.Select(host => host.StopAsync(cancellationToken)));
        File.Delete(_lab.StateFile);
    }
}
