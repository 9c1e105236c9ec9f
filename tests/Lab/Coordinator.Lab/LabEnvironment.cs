namespace Coordinator.Lab;

/// <summary>Environment variables every session and every service on a lab host sees.</summary>
public static class LabEnvironment
{
    /// <summary><c>linux</c> or <c>windows</c>: which kind of machine the host stands in for.</summary>
    public const string Flavour = "LAB_FLAVOUR";

    /// <summary>On Windows-flavoured hosts, where drive C: is: <see cref="LabPaths.DriveC"/>.</summary>
    public const string DriveC = "LAB_DRIVE_C";

    /// <summary>
    /// The host's own loopback address. Hosts share one network namespace, so anything that listens
    /// (a Tentacle, a double) must bind this address rather than a wildcard, or two hosts collide.
    /// </summary>
    public const string Address = "LAB_ADDRESS";

    internal static string FlavourValue(LabHostFlavour flavour) => flavour == LabHostFlavour.Windows ? "windows" : "linux";
}
