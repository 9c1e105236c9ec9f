using System.Text;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Machines;

/// <summary>
/// <c>coord certs</c> and <c>coord forget</c>. The PFX and password travel only between coord and the coordinator
/// (loopback remoting by default); no message here prints them, so a dead letter or a debug log cannot leak them.
/// </summary>
public static class CertificateMessages
{
    /// <summary>
    /// Make this PFX the host's retained identity (an existing machine's certificate, so Octopus keeps it). Refused
    /// when the host already has another identity, unless <paramref name="Replace"/>. Reply: <see cref="Adopted"/>.
    /// </summary>
    /// <param name="Environment">The host's environment, for the fleet directory when the host is new to it.</param>
    [Manifest("certs.adopt.v1")]
    public sealed record Adopt(string Host, string Environment, byte[] Pfx, string? Password, bool Replace) : ICoordinatorMessage, IWithHost
    {
        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append($"Host = {Host}, Environment = {Environment}, Pfx = <{Pfx.Length} bytes>, Password = <redacted>, Replace = {Replace}");
            return true;
        }
    }

    [Manifest("certs.adopted.v1")]
    public sealed record Adopted(string Host, string Thumbprint, DateTimeOffset NotAfter, bool Replaced) : ICoordinatorMessage, IWithHost;

    /// <summary>The host's certificate as a PFX protected by <paramref name="Password"/>. Reply: <see cref="Exported"/>.</summary>
    [Manifest("certs.export.v1")]
    public sealed record Export(string Host, string Password) : ICoordinatorMessage, IWithHost
    {
        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append($"Host = {Host}, Password = <redacted>");
            return true;
        }
    }

    [Manifest("certs.exported.v1")]
    public sealed record Exported(string Host, string Thumbprint, byte[] Pfx) : ICoordinatorMessage, IWithHost
    {
        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append($"Host = {Host}, Thumbprint = {Thumbprint}, Pfx = <{Pfx.Length} bytes, password-protected>");
            return true;
        }
    }

    /// <summary>
    /// Deregister the host from Octopus (the machine holding its thumbprint) and drop its retained certificate, so
    /// its next bootstrap makes a new identity. Refused while a run is active. Reply: <see cref="Forgot"/>.
    /// </summary>
    [Manifest("certs.forget.v1")]
    public sealed record Forget(string Host) : ICoordinatorMessage, IWithHost;

    /// <summary>A certificate operation the machine would not or could not do, and why.</summary>
    [Manifest("certs.refused.v1")]
    public sealed record Refused(string Host, string Reason) : ICoordinatorMessage, IWithHost;

    /// <param name="Octopus">What happened in Octopus ("deleted Machines-12", "no machine had the thumbprint").</param>
    [Manifest("certs.forgot.v1")]
    public sealed record Forgot(string Host, string? Thumbprint, string Octopus) : ICoordinatorMessage, IWithHost;
}
