using System.Net;
using System.Net.Sockets;

namespace Coordinator.Tentacle.Tests.Support;

/// <summary>Desired Tentacles for the tests: the spec's conventional ones and ones full of characters shells care about.</summary>
public static class Samples
{
    public const string ServerThumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    public const string CertificateThumbprint = "DF5C6B8BD9B9BB1A92A14376A98C314DF6EC381C";
    public const string Version = "8.3.2971";

    /// <summary>Quotes of every kind, expansions, globs and separators — everything but what validation rejects.</summary>
    public const string LinuxNasty = "it's \"$HOME\" `id` $(id) ${x} ‘q’ \\ %P% ; & | * ?";

    /// <summary>The same without what Windows paths cannot hold (<c>"</c>, <c>|</c>, <c>*</c>, <c>?</c>).</summary>
    public const string WindowsNasty = "it's $HOME `id` $(id) ${x} ‘q’ ’r’ %P% ; & @(a)";

    /// <summary>An instance name: no path separators, which name files on the host.</summary>
    public const string InstanceNasty = "web it's \"$HOME\" `id` $(id) ‘q’ %P% ; & *";

    public static DesiredTentacle Linux() => new(
        TentaclePlatform.Linux,
        "/opt/octopus/tentacle/Tentacle",
        "/opt/octopus/tentacle",
        "Tentacle",
        "/etc/octopus/Tentacle/tentacle-Tentacle.config",
        "/etc/octopus/Tentacle",
        "/home/Octopus/Applications",
        10933,
        "any",
        ServerThumbprint,
        new TentacleInstaller("/tmp/tentacle-8.3.2971-net8.0-linux-x64.tar.gz", InstallerKind.Tarball),
        Version);

    public static DesiredTentacle Windows() => new(
        TentaclePlatform.Windows,
        @"C:\Program Files\Octopus Deploy\Tentacle\Tentacle.exe",
        @"C:\Program Files\Octopus Deploy\Tentacle",
        "Tentacle",
        @"C:\Octopus\Tentacle.config",
        @"C:\Octopus",
        @"C:\Octopus\Applications",
        10933,
        "any",
        ServerThumbprint,
        new TentacleInstaller(@"C:\Windows\Temp\Octopus.Tentacle.8.3.2971-x64.msi", InstallerKind.Msi),
        Version);

    /// <summary>Every path, and the instance name, under <paramref name="root"/> with <see cref="LinuxNasty"/> in it.</summary>
    public static DesiredTentacle LinuxNastyUnder(string root, int port = 10933, string address = "127.0.0.1")
    {
        var nasty = Path.Combine(root, LinuxNasty);
        return new DesiredTentacle(
            TentaclePlatform.Linux,
            Path.Combine(nasty, "tentacle", "Tentacle"),
            Path.Combine(nasty, "tentacle"),
            InstanceNasty,
            Path.Combine(nasty, "etc", "tentacle web.config"),
            Path.Combine(nasty, "home"),
            Path.Combine(nasty, "apps"),
            port,
            address,
            ServerThumbprint,
            new TentacleInstaller(Path.Combine(nasty, "upload", "tentacle.tar.gz"), InstallerKind.Tarball),
            Version);
    }

    /// <summary>Windows paths and an instance name holding <see cref="WindowsNasty"/>.</summary>
    public static DesiredTentacle WindowsNastyDesired(int port = 10933, string address = "127.0.0.1")
    {
        var nasty = @"C:\Program Files\" + WindowsNasty;
        return new DesiredTentacle(
            TentaclePlatform.Windows,
            nasty + @"\Tentacle\Tentacle.exe",
            nasty + @"\Tentacle",
            InstanceNasty.Replace("\"", string.Empty, StringComparison.Ordinal).Replace("*", string.Empty, StringComparison.Ordinal),
            nasty + @"\Config\Tentacle web.config",
            nasty + @"\Home",
            nasty + @"\Apps",
            port,
            address,
            ServerThumbprint,
            new TentacleInstaller(nasty + @"\Upload\Octopus.Tentacle.msi", InstallerKind.Msi),
            Version);
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every script the generator makes for <paramref name="desired"/>, by name.</summary>
    public static IReadOnlyList<(string Name, TentacleScript Script)> AllScripts(DesiredTentacle desired, string pfxPath)
    {
        var scripts = TentacleStepScripts.For(desired);
        return
        [
            ("probe", scripts.Probe()),
            ("install", scripts.Install()),
            ("create-instance", scripts.CreateInstance()),
            ("import-certificate", scripts.ImportCertificate(pfxPath, CertificateThumbprint)),
            ("configure", scripts.Configure()),
            ("configure-reset-listen-address", scripts.Configure(resetListenAddress: true)),
            ("start-service", scripts.StartService()),
            ("restart-service", scripts.RestartService()),
        ];
    }
}
