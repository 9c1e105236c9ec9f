namespace Coordinator.Lab;

/// <summary>
/// A lab of SSH hosts for tests and for the <c>lab</c> CLI. Start it with <see cref="StartAsync"/>;
/// disposing it stops every host (their mounts go with their namespaces) and frees their addresses.
/// In xunit, hold one in a class fixture that implements IAsyncLifetime (see tests/README.md).
/// </summary>
public sealed class LabFixture : IAsyncDisposable
{
    private readonly LabDirectory _lab;
    private readonly bool _ownsDirectory;
    private readonly List<AddressLease> _leases = [];
    private readonly LabClientFiles _clientFiles;
    private readonly List<LabHost> _hosts = [];
    private bool _disposed;

    private LabFixture(LabDirectory lab, bool ownsDirectory)
    {
        _lab = lab;
        _ownsDirectory = ownsDirectory;
        _clientFiles = LabClientFiles.OwnedByThisProcess(lab);
    }

    /// <summary>Linux hosts first, then Windows hosts, in address order.</summary>
    public IReadOnlyList<LabHost> Hosts => _hosts;

    public IReadOnlyList<LabHost> LinuxHosts => _hosts.Where(host => host.Flavour == LabHostFlavour.Linux).ToList();

    public IReadOnlyList<LabHost> WindowsHosts => _hosts.Where(host => host.Flavour == LabHostFlavour.Windows).ToList();

    public string StateDirectory => _lab.Root;

    public string ClientKeyPath => _lab.ClientKey;

    public string KnownHostsPath => _lab.KnownHosts;

    /// <summary>An ssh client configuration naming every host: <c>ssh -F SshConfigPath lab-02</c>.</summary>
    public string SshConfigPath => _lab.SshConfig;

    public string StateFilePath => _lab.StateFile;

    /// <summary>Starts <paramref name="linux"/> Linux and <paramref name="windows"/> Windows hosts at once and waits until all answer SSH.</summary>
    public static async Task<LabFixture> StartAsync(int linux, int windows = 0, LabOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LabOptions();
        Validate(linux, windows, options);
        var windowsImage = options.WindowsImage ?? (windows > 0 ? WindowsDoubles.Image() : []);
        var tools = ToolMount.NeededBy(options.LinuxImage.Concat(windowsImage));

        await SshdInstallation.EnsureInstalledAsync(cancellationToken);
        foreach (var flavour in Flavours(linux, windows))
        {
            PrivateMounts.EnsureMountPointsExist(flavour);
        }

        var lab = options.StateDirectory is null ? LabDirectory.NewTemporary() : new LabDirectory(options.StateDirectory);
        var fixture = new LabFixture(lab, ownsDirectory: options.StateDirectory is null);
        try
        {
            await lab.PrepareAsync(cancellationToken);
            await HostImages.WriteAsync(lab, LabHostFlavour.Linux, options.LinuxImage, cancellationToken);
            await HostImages.WriteAsync(lab, LabHostFlavour.Windows, windowsImage, cancellationToken);
            ToolMount.Install(lab, tools);
            fixture._leases.AddRange(await AddressLeases.AcquireAsync(
                linux + windows,
                options.SshPort,
                number => new HostLayout(lab.HostDirectory(HostSpec.NameOf(number))).BootScript,
                cancellationToken));
            fixture._hosts.AddRange(fixture._leases.Select((lease, index) => new LabHost(
                new HostSpec(
                    HostSpec.NameOf(lease.HostNumber),
                    lease.Address,
                    options.SshPort,
                    index < linux ? LabHostFlavour.Linux : LabHostFlavour.Windows,
                    options.StartTimeout),
                lab,
                fixture.WriteClientFilesAsync)));
            await Task.WhenAll(fixture._hosts.Select(host => host.StartAsync(cancellationToken)));
            await fixture.WriteClientFilesAsync(cancellationToken);
            return fixture;
        }
        catch (Exception startFailure)
        {
            try
            {
                await fixture.DisposeAsync();
            }
            catch (Exception cleanupFailure)
            {
                throw new AggregateException("The lab did not start, and clearing up after it failed too.", startFailure, cleanupFailure);
            }

            throw;
        }
    }

    public LabHost Host(string name) =>
        _hosts.FirstOrDefault(host => host.Name == name)
        ?? throw new LabException($"The lab has no host '{name}'; it has {string.Join(", ", _hosts.Select(host => host.Name))}.");

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var stops = _hosts.Select(host => host.StopAsync()).ToList();
        try
        {
            await Task.WhenAll(stops);
        }
        catch
        {
            // Each failure is reported below; the other hosts still stop and the addresses still come free.
        }

        foreach (var lease in _leases)
        {
            lease.Dispose();
        }

        if (Directory.Exists(_lab.Root))
        {
            File.Delete(_lab.StateFile);
        }

        var failures = stops.Where(stop => stop.IsFaulted).SelectMany(stop => stop.Exception!.InnerExceptions).ToList();
        if (failures.Count > 0)
        {
            throw new AggregateException($"Some lab hosts did not stop; their files stay in {_lab.Root}.", failures);
        }

        if (_ownsDirectory && Directory.Exists(_lab.Root))
        {
            Directory.Delete(_lab.Root, recursive: true);
        }
    }

    private static void Validate(int linux, int windows, LabOptions options)
    {
        const int capacity = AddressLeases.LastHostNumber - AddressLeases.FirstHostNumber + 1;
        if (linux < 0 || windows < 0 || linux + windows is 0 or > capacity)
        {
            throw new ArgumentException($"A lab has between 1 and {capacity} hosts; asked for {linux} Linux and {windows} Windows.");
        }

        if (options.SshPort is < 1 or > 65535)
        {
            throw new ArgumentException($"{options.SshPort} is not a TCP port.", nameof(options));
        }

        HostImages.Validate(LabHostFlavour.Linux, options.LinuxImage);
        HostImages.Validate(LabHostFlavour.Windows, options.WindowsImage ?? []);
    }

    private static IEnumerable<LabHostFlavour> Flavours(int linux, int windows)
    {
        if (linux > 0)
        {
            yield return LabHostFlavour.Linux;
        }

        if (windows > 0)
        {
            yield return LabHostFlavour.Windows;
        }
    }

    private Task WriteClientFilesAsync(CancellationToken cancellationToken) => _clientFiles.WriteAsync(_hosts, cancellationToken);
}
