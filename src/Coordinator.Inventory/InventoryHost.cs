using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coordinator.Inventory;

/// <summary>
/// One machine of the fleet with every setting resolved: the host's own values, then the inventory's defaults,
/// then the built-in defaults.
/// </summary>
/// <param name="Name">The Octopus machine name; unique across the inventory (ignoring case).</param>
/// <param name="Address">The DNS name or IP address used for SSH and by Octopus to reach the Tentacle.</param>
/// <param name="Os">The host's operating system.</param>
/// <param name="Environment">The Octopus environment the machine is registered in.</param>
/// <param name="Roles">Octopus target roles (tags), trimmed, without duplicates.</param>
/// <param name="Tenants">Octopus tenant names, trimmed, without duplicates.</param>
/// <param name="MachinePolicy">The Octopus machine policy name.</param>
/// <param name="Ssh">How to reach the host.</param>
/// <param name="Tentacle">The Tentacle instance to create.</param>
/// <param name="Iis">How IIS is written on the host and its baseline; <c>null</c> means <see cref="IisSettings.Default"/>.</param>
public sealed record InventoryHost(
    string Name,
    string Address,
    HostOs Os,
    string Environment,
    ImmutableArray<string> Roles,
    ImmutableArray<string> Tenants,
    string MachinePolicy,
    SshSettings Ssh,
    TentacleSettings Tentacle,
    IisSettings? Iis = null)
{
    /// <summary>The IIS settings, never null: callers that predate them get <see cref="IisSettings.Default"/>.</summary>
    public IisSettings Iis { get; init; } = Iis ?? IisSettings.Default;

    /// <summary>The listening-Tentacle URI Octopus connects to: <c>https://{address lower-cased}:{listen port}/</c>.</summary>
    public Uri ListeningUri => new($"https://{UriHost(Address)}:{Tentacle.ListenPort}/");

    /// <summary>Equal when every setting is, roles, tenants and the IIS baseline compared by content, so a changed inventory shows.</summary>
    public bool Equals(InventoryHost? other) =>
        other is not null &&
        Name == other.Name && Address == other.Address && Os == other.Os && Environment == other.Environment &&
        Roles.SequenceEqual(other.Roles) && Tenants.SequenceEqual(other.Tenants) &&
        MachinePolicy == other.MachinePolicy && Ssh == other.Ssh && Tentacle == other.Tentacle && Iis == other.Iis;

    public override int GetHashCode() => HashCode.Combine(Name, Address, Os, Environment, MachinePolicy, Ssh, Tentacle, Iis);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Address = {Address}, Os = {Os}, Environment = {Environment}, ")
            .Append($"Roles = [{string.Join(", ", Roles)}], Tenants = [{string.Join(", ", Tenants)}], ")
            .Append($"MachinePolicy = {MachinePolicy}, Ssh = {Ssh}, Tentacle = {Tentacle}, Iis = {Iis}");
        return true;
    }

    private static string UriHost(string address)
    {
        var lower = address.ToLowerInvariant();
        return IPAddress.TryParse(lower, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{lower}]" : lower;
    }
}
