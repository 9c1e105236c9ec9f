using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Coordinator.Protocol;

namespace Coordinator.Cli;

/// <summary>Where the coordinator's Akka.Remote endpoint listens, as the operator wrote it.</summary>
public sealed record CoordinatorEndpoint(string Host, int Port)
{
    /// <summary>The environment variable that sets the default endpoint.</summary>
    public const string EnvironmentVariable = "COORD_ENDPOINT";

    public const string ExpectedForm = "host:port (for example 127.0.0.1:4053), with a port from 1 to 65535";

    public static readonly CoordinatorEndpoint Default = new(CoordinatorAddress.DefaultHostname, CoordinatorAddress.DefaultPort);

    public string AdminActorPath => CoordinatorAddress.AdminActorPath(Host, Port);

    public override string ToString() => $"{Host}:{Port}";

    /// <summary>Parses <c>host:port</c>. IPv6 literals and bare hosts are rejected: the host binds IPv4 loopback by default.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CoordinatorEndpoint? endpoint)
    {
        endpoint = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        var colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || colon == trimmed.Length - 1)
        {
            return false;
        }

        var host = trimmed[..colon];
        var portText = trimmed[(colon + 1)..];
        if (host.Any(c => char.IsWhiteSpace(c) || c is ':' or '/' or '@' or '[' or ']')
            || !portText.All(char.IsAsciiDigit)
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new CoordinatorEndpoint(host, port);
        return true;
    }

    /// <summary>
    /// The endpoint used when <c>--endpoint</c> is absent: <see cref="EnvironmentVariable"/> when set, else
    /// <see cref="Default"/>. A set but malformed variable is an error rather than a silent fallback,
    /// so a typo never sends commands to the wrong coordinator.
    /// </summary>
    public static bool TryFromEnvironment(
        Func<string, string?> environment,
        [NotNullWhen(true)] out CoordinatorEndpoint? endpoint,
        [NotNullWhen(false)] out string? error)
    {
        var value = environment(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            endpoint = Default;
            error = null;
            return true;
        }

        if (TryParse(value, out endpoint))
        {
            error = null;
            return true;
        }

        error = $"{EnvironmentVariable}='{value}' is not {ExpectedForm}.";
        return false;
    }
}
