namespace Coordinator.Inventory.Tests;

/// <summary>
/// A valid one-host inventory with room for extra lines, so each test states only what it changes and its
/// expected error positions are easy to count. Without extras it reads:
/// <code>
///  1 octopus:
///  2   url: https://octopus.example.com
///  3   api-key: env:OCTOPUS_API_KEY
///  4 defaults:
///  5   ssh:
///  6     identity: ~/.ssh/id_ed25519
///    (defaults lines, indented 2)
///  7 environments:
///  8   Production:
///  9     hosts:
/// 10       - name: web-01
/// 11         address: 10.0.0.5
/// 12         os: linux
///    (host lines, indented 8: the first is line 13 when there are no defaults lines)
/// </code>
/// <see cref="WindowsHostWith"/> gives the same with <c>os: windows</c>, for IIS settings.
/// </summary>
public static class SampleInventory
{
    public static string With(string[]? defaults = null, string[]? host = null, string os = "linux")
    {
        var lines = new List<string>
        {
            "octopus:",
            "  url: https://octopus.example.com",
            "  api-key: env:OCTOPUS_API_KEY",
            "defaults:",
            "  ssh:",
            "    identity: ~/.ssh/id_ed25519",
        };
        lines.AddRange((defaults ?? []).Select(l => "  " + l));
        lines.AddRange(
        [
            "environments:",
            "  Production:",
            "    hosts:",
            "      - name: web-01",
            "        address: 10.0.0.5",
            $"        os: {os}",
        ]);
        lines.AddRange((host ?? []).Select(l => "        " + l));
        return string.Join("\n", lines) + "\n";
    }

    public static string WithHost(params string[] host) => With(host: host);

    public static string WithDefaults(params string[] defaults) => With(defaults: defaults);

    public static string WindowsHostWith(params string[] host) => With(host: host, os: "windows");
}
