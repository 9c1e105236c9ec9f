using System.Diagnostics;
using System.Net;

namespace Coordinator.Lab;

/// <summary>
/// One lab host: a real sshd on its own loopback address, in its own mount, UTS and pid namespaces,
/// with its own hostname, machine id, SSH host key and copies of the paths a Tentacle touches.
/// Operations work from the host's state directory, so another process (the <c>lab</c> CLI) can
/// operate a host that a lab started.
/// </summary>
public sealed class LabHost
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FreezeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly HostSpec _spec;
    private readonly HostLayout _layout;
    private readonly LabDirectory _lab;
    private readonly Func<CancellationToken, Task> _identityChanged;
    private readonly SemaphoreSlim _operations = new(1, 1);
    private Process? _boot;

    internal LabHost(HostSpec spec, LabDirectory lab, Func<CancellationToken, Task> identityChanged, string hostPublicKey = "")
    {
        _spec = spec;
        _lab = lab;
        _layout = new HostLayout(lab.HostDirectory(spec.Name));
        _identityChanged = identityChanged;
        HostPublicKey = hostPublicKey;
    }

    /// <summary>Its hostname too (<c>lab-07</c> for 127.0.0.7), and its alias in the lab's ssh_config.</summary>
    public string Name => _spec.Name;

    public IPAddress Address => _spec.Address;

    public int Port => _spec.Port;

    public LabHostFlavour Flavour => _spec.Flavour;

    /// <summary>Everything the host has: its files under <c>fs/</c>, its boot script, its console log.</summary>
    public string StateDirectory => _layout.Directory;

    /// <summary>The private key root on every host of the lab accepts.</summary>
    public string ClientKeyPath => _lab.ClientKey;

    /// <summary>The host's public key as known_hosts lists it (<c>ssh-ed25519 AAAA...</c>); new after <see cref="RecreateAsync"/>.</summary>
    public string HostPublicKey { get; private set; }

    /// <summary>The fingerprint ssh shows for the host key (<c>SHA256:...</c>).</summary>
    public string HostKeyFingerprint => SshKeys.FingerprintOf(HostPublicKey);

    /// <summary>The host's console log: what its boot script and sshd print.</summary>
    public string ConsoleLogPath => _layout.ConsoleLog;

    public bool IsRunning => RunningBootProcess() is not null;

    /// <summary>Whether the host's sshd answers now: accepts a connection and sends its banner within <paramref name="timeout"/>.</summary>
    public Task<bool> AnswersSshAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        SshBanner.AnswersAsync(Address, Port, timeout, cancellationToken);

    /// <summary>Where a file the host sees at <paramref name="pathOnHost"/> is on the real machine.</summary>
    public string PathOnDisk(string pathOnHost)
    {
        if (PrivateMounts.Containing(Flavour, pathOnHost) is null)
        {
            throw new ArgumentException($"'{pathOnHost}' is not on one of {Name}'s own paths; the host shares it with the machine.", nameof(pathOnHost));
        }

        return _layout.OnDisk(pathOnHost);
    }

    /// <summary>Boots the host (creating it first if it has no files) and waits until it answers SSH.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => ExclusivelyAsync(StartCoreAsync, cancellationToken);

    /// <summary>Powers the host off: every process gets SIGTERM, then the whole namespace is killed. Files stay.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => ExclusivelyAsync(StopCoreAsync, cancellationToken);

    /// <summary>
    /// Rebuilds the host as a new VM with the same name and address: stops it, wipes every file (host
    /// key, machine id, Tentacle state), provisions it afresh and boots it. The lab's known_hosts follows.
    /// </summary>
    public Task RecreateAsync(CancellationToken cancellationToken = default) => ExclusivelyAsync(
        async token =>
        {
            await StopCoreAsync(token);
            await HostProvisioner.ProvisionAsync(_spec, _layout, _lab, token);
            await StartCoreAsync(token);
            await _identityChanged(token);
        },
        cancellationToken);

    /// <summary>Cuts every live SSH connection (kills the sshd serving it); the host keeps listening.</summary>
    /// <returns>How many connection handlers were killed.</returns>
    public int DropConnections()
    {
        var handlers = RunningProcesses().ConnectionHandlers();
        foreach (var pid in handlers)
        {
            ProcFs.Signal(pid, ProcFs.SigKill);
        }

        return handlers.Count;
    }

    /// <summary>
    /// Freezes every process of the host (SIGSTOP), as if the network to it were cut: connections are
    /// accepted by the kernel but never answered, live sessions hang. <see cref="RestoreReachability"/> undoes it.
    /// </summary>
    public async Task MakeUnreachableAsync(CancellationToken cancellationToken = default)
    {
        var processes = RunningProcesses();

        // The listener first, so it starts no connection handlers while the rest are being frozen.
        ProcFs.Signal(processes.Init, ProcFs.SigStop);
        var frozen = await Poll.UntilAsync(
            () =>
            {
                var running = processes.Members().Where(pid => !ProcFs.IsStopped(pid)).ToList();
                running.ForEach(pid => ProcFs.Signal(pid, ProcFs.SigStop));
                return running.Count == 0;
            },
            FreezeTimeout,
            cancellationToken);
        if (!frozen)
        {
            throw new LabException($"{Name} did not freeze within {FreezeTimeout.TotalSeconds:0}s.");
        }
    }

    public void RestoreReachability()
    {
        foreach (var pid in RunningProcesses().Members())
        {
            ProcFs.Signal(pid, ProcFs.SigCont);
        }
    }

    internal LabHostState ToState() =>
        new(Name, Address.ToString(), Port, Flavour, StateDirectory, HostPublicKey, HostKeyFingerprint);

    private async Task ExclusivelyAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        await _operations.WaitAsync(cancellationToken);
        try
        {
            await operation(cancellationToken);
        }
        finally
        {
            _operations.Release();
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        if (RunningBootProcess() is not null)
        {
            return;
        }

        if (!File.Exists(_layout.BootScript))
        {
            await HostProvisioner.ProvisionAsync(_spec, _layout, _lab, cancellationToken);
        }

        HostPublicKey = await SshKeys.ReadPublicKeyAsync(_layout.HostPublicKey, cancellationToken);
        _boot?.Dispose();
        _boot = Process.Start(BootStartInfo()) ?? throw new LabException($"Could not start unshare for {Name}.");
        await WaitUntilAnsweringAsync(_boot, cancellationToken);
    }

    /// <summary>
    /// unshare forks the host's init into new namespaces and kills it if unshare itself dies; its pid is
    /// the host's handle. The shell only points the host's console at its log before becoming unshare.
    /// </summary>
    private ProcessStartInfo BootStartInfo()
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            "exec unshare --mount --uts --pid --fork --kill-child --mount-proc --propagation private " +
            "-- /bin/sh \"$0\" </dev/null >>\"$1\" 2>&1");
        start.ArgumentList.Add(_layout.BootScript);
        start.ArgumentList.Add(_layout.ConsoleLog);
        return start;
    }

    private async Task WaitUntilAnsweringAsync(Process boot, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _spec.StartTimeout;
        while (!await AnswersSshAsync(ProbeTimeout, cancellationToken))
        {
            if (boot.HasExited)
            {
                throw new LabException($"{Name} stopped while booting (exit code {boot.ExitCode}). {await ConsoleTailAsync(cancellationToken)}");
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new LabException($"{Name} did not answer SSH on {Address}:{Port} within {_spec.StartTimeout.TotalSeconds:0}s. {await ConsoleTailAsync(cancellationToken)}");
            }

            await Task.Delay(Poll.Interval, cancellationToken);
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        if (RunningBootProcess() is { } boot)
        {
            var processes = HostProcesses.Of(boot);
            if (processes is not null)
            {
                // A frozen host gets its SIGTERM only once it runs again.
                foreach (var pid in processes.Members())
                {
                    ProcFs.Signal(pid, ProcFs.SigCont);
                    if (pid != processes.Init)
                    {
                        ProcFs.Signal(pid, ProcFs.SigTerm);
                    }
                }

                await Poll.UntilAsync(() => processes.Members().All(pid => pid == processes.Init), GracePeriod, cancellationToken);

                // Killing the init takes the rest of its pid namespace with it; unshare, its parent, reaps it and exits.
                ProcFs.Signal(processes.Init, ProcFs.SigKill);
            }

            // With pid_max at 32768 and a busy test run, unshare's pid can belong to a new process soon after it is
            // reaped: the start time tells the two apart, so the wait ends and no stranger is signalled.
            var bootStart = ProcFs.StartTimeOf(boot);
            bool BootAlive() => ProcFs.IsAlive(boot) && ProcFs.StartTimeOf(boot) == bootStart;
            bool Gone() => !BootAlive() && (processes is null || processes.Members().Count == 0);
            if (!await Poll.UntilAsync(Gone, KillTimeout, cancellationToken))
            {
                // --kill-child: unshare's death kills the init too, should unshare linger.
                if (BootAlive())
                {
                    ProcFs.Signal(boot, ProcFs.SigKill);
                }

                if (!await Poll.UntilAsync(Gone, KillTimeout, cancellationToken))
                {
                    var left = (processes?.Members() ?? []).Select(pid => $"{pid} {ProcFs.CommandOf(pid)}");
                    throw new LabException(
                        $"{Name} still has processes after being killed (unshare pid {boot}{(BootAlive() ? ", alive" : "")}; " +
                        $"in its namespace: {string.Join(", ", left.DefaultIfEmpty("none"))}).");
                }
            }
        }

        _boot?.Dispose();
        _boot = null;
    }

    /// <summary>The pid of the host's unshare if the host is up, whichever process booted it.</summary>
    private int? RunningBootProcess()
    {
        if (_boot is { HasExited: false })
        {
            return _boot.Id;
        }

        // Another process may have booted it (lab recreate, or a lab up whose owner died). The host's init
        // also runs the boot script until it becomes sshd; unshare is the one whose parent does not.
        var booting = ProcFs.AllProcessIds()
            .Where(pid => ProcFs.IsAlive(pid) && ProcFs.ArgumentsOf(pid).Contains(_layout.BootScript))
            .ToHashSet();
        return booting.Where(pid => !booting.Contains(ProcFs.ParentOf(pid) ?? 0)).Select(pid => (int?)pid).FirstOrDefault();
    }

    private HostProcesses RunningProcesses() =>
        (RunningBootProcess() is { } boot ? HostProcesses.Of(boot) : null)
        ?? throw new LabException($"{Name} is not running.");

    private async Task<string> ConsoleTailAsync(CancellationToken cancellationToken)
    {
        var lines = File.Exists(_layout.ConsoleLog) ? await File.ReadAllLinesAsync(_layout.ConsoleLog, cancellationToken) : [];
        return $"Its console log {_layout.ConsoleLog} ends with:{Environment.NewLine}{string.Join(Environment.NewLine, lines.TakeLast(15))}";
    }
}
