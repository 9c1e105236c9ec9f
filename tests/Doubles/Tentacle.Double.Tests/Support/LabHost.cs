using System.Diagnostics;
using System.Security.Cryptography;

namespace Tentacle.Double.Tests.Support;

/// <summary>
/// One simulated machine: its own temp directories for the instance index, the machine id, systemd units and
/// the Windows C: drive, passed to the double only through the environment of the processes it starts.
/// </summary>
public sealed class LabHost : IAsyncDisposable
{
    static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);

    static readonly string[] InheritedLabVariables =
    [
        "LAB_FLAVOUR", "LAB_DRIVE_C", "TentacleMachineConfigurationHomeDirectory", "TENTACLE_DOUBLE_MACHINE_ID_FILE",
        "TENTACLE_DOUBLE_SYSTEMD_DIR", "TENTACLE_DOUBLE_BASH", "TENTACLE_DOUBLE_EXECUTABLE", "TENTACLE_DOUBLE_DETACH",
        "OCTOPUS_SERVICE_USERNAME", "OCTOPUS_SERVICE_PASSWORD",
    ];

    readonly List<RunningAgent> agents = [];

    public LabHost(bool windows = false)
    {
        Root = Directory.CreateTempSubdirectory("tentacle-double-").FullName;
        MachineIdFile = Path.Combine(Root, "machine-id");
        File.WriteAllText(MachineIdFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "\n");
        Environment["TENTACLE_DOUBLE_MACHINE_ID_FILE"] = MachineIdFile;
        Environment["TENTACLE_DOUBLE_SYSTEMD_DIR"] = SystemdDirectory;
        if (windows)
        {
            Environment["LAB_FLAVOUR"] = "windows";
            Environment["LAB_DRIVE_C"] = DriveC;
        }
        else
        {
            Environment["TentacleMachineConfigurationHomeDirectory"] = MachineHome;
        }
    }

    public string Root { get; }
    public string MachineIdFile { get; }
    public string MachineHome => Path.Combine(Root, "etc-octopus");
    public string SystemdDirectory => Path.Combine(Root, "systemd");
    public string DriveC => Path.Combine(Root, "c");

    /// <summary>Variables set (or, with a null value, removed) for every process this host starts.</summary>
    public Dictionary<string, string?> Environment { get; } = new();

    public string ConfigPath(string instance) => Path.Combine(MachineHome, instance, $"tentacle-{instance}.config");

    public Task<TentacleResult> RunAsync(params string[] arguments) => RunWithAsync(null, arguments);

    public async Task<TentacleResult> RunWithAsync(IReadOnlyDictionary<string, string?>? extraEnvironment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments, extraEnvironment)) ?? throw new InvalidOperationException("Tentacle did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandLimit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Tentacle {string.Join(' ', arguments)} did not finish within {CommandLimit}.");
        }

        return new TentacleResult(process.ExitCode, await output, await error);
    }

    /// <summary>create-instance + new-certificate, the usual starting point.</summary>
    public async Task<string> CreateInstanceWithCertificateAsync(string instance = "Tentacle")
    {
        await MustSucceedAsync("create-instance", "--instance", instance, "--config", ConfigPath(instance));
        var created = await MustSucceedAsync("new-certificate", "--instance", instance);
        return created.OutputLines[1];
    }

    public async Task<TentacleResult> MustSucceedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"Tentacle {string.Join(' ', arguments)} failed: {result}");
        return result;
    }

    public async Task<string> ThumbprintAsync(string instance = "Tentacle") =>
        (await MustSucceedAsync("show-thumbprint", "--instance", instance)).Output;

    /// <summary>Starts the listener and waits until it reports its endpoint.</summary>
    public async Task<RunningAgent> StartAgentAsync(string instance = "Tentacle", bool noninteractive = true)
    {
        var arguments = noninteractive ? new[] { "agent", "--instance", instance, "--noninteractive" } : ["agent", "--instance", instance];
        var agent = await RunningAgent.StartAsync(StartInfo(arguments, null));
        agents.Add(agent);
        return agent;
    }

    internal ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? extraEnvironment)
    {
        var start = new ProcessStartInfo(DoubleBinary.Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        start.ArgumentList.Add(DoubleBinary.Assembly);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in InheritedLabVariables)
            start.Environment.Remove(name);
        foreach (var (name, value) in Environment.Concat(extraEnvironment ?? new Dictionary<string, string?>()))
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        return start;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in agents)
            await agent.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
