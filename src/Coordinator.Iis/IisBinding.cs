using System.Globalization;

namespace Coordinator.Iis;

/// <summary>One site binding: <c>http</c> on all addresses, port 80, host header <c>shop.example.com</c>.</summary>
/// <param name="Protocol"><c>http</c> or <c>https</c>.</param>
/// <param name="Address"><c>*</c> for every address, or an IP address.</param>
/// <param name="Port">1–65535.</param>
/// <param name="HostHeader">The host name the binding answers, or empty for any.</param>
public sealed record IisBinding(string Protocol, string Address, int Port, string HostHeader = "")
{
    /// <summary>The <see cref="Address"/> that means every address.</summary>
    public const string AnyAddress = "*";

    /// <summary>
    /// appcmd's form, <c>http/*:80:shop.example.com</c>, as IIS stores it: protocol lower-case and an IPv6 address in
    /// brackets. Call on a validated binding.
    /// </summary>
    public string ToAppcmd()
    {
        var address = Address.Contains(':', StringComparison.Ordinal) && !Address.StartsWith('[') ? $"[{Address}]" : Address;
        return string.Create(CultureInfo.InvariantCulture, $"{Protocol.ToLowerInvariant()}/{address}:{Port}:{HostHeader}");
    }
}
