using System.Net;

namespace Coordinator.Lab;

/// <summary>What a lab host is: the parts that stay the same when it is destroyed and recreated.</summary>
internal sealed record HostSpec(string Name, IPAddress Address, int Port, LabHostFlavour Flavour, TimeSpan StartTimeout)
{
    /// <summary>A host's name follows from its address, so names are unique across concurrent labs too.</summary>
    public static string NameOf(int hostNumber) => $"lab-{hostNumber:D2}";
}
