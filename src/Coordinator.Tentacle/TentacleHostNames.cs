using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Coordinator.Tentacle;

/// <summary>Names and addresses on the host that follow from the desired Tentacle, derived the way Tentacle derives them.</summary>
public static partial class TentacleHostNames
{
    const string DefaultInstance = "Tentacle";
    const string WindowsServicePrefix = "OctopusDeploy Tentacle";

    /// <summary>
    /// The systemd unit <c>Tentacle service</c> writes for an instance: the name without <c>/</c>, each run of
    /// whitespace replaced by <c>-</c>.
    /// </summary>
    public static string SystemdUnit(string instance) => Whitespace().Replace(instance.Replace("/", string.Empty, StringComparison.Ordinal), "-");

    /// <summary><c>OctopusDeploy Tentacle</c> for the default instance, else <c>OctopusDeploy Tentacle: &lt;instance&gt;</c>.</summary>
    public static string WindowsService(string instance) =>
        string.Equals(instance, DefaultInstance, StringComparison.OrdinalIgnoreCase) ? WindowsServicePrefix : $"{WindowsServicePrefix}: {instance}";

    /// <summary>
    /// Where a script on the host connects to see whether the Tentacle listens: the listen address, or loopback when
    /// it listens on every interface.
    /// </summary>
    public static IPAddress ListenerCheckAddress(DesiredTentacle desired)
    {
        if (desired.ListensOnAnyAddress)
            return IPAddress.Loopback;
        var address = IPAddress.Parse(desired.ListenAddress);
        if (address.Equals(IPAddress.Any))
            return IPAddress.Loopback;
        if (address.Equals(IPAddress.IPv6Any))
            return IPAddress.IPv6Loopback;
        return address;
    }

    internal static bool IsIPv6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
