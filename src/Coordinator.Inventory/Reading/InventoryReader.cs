using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Coordinator.Iis;
using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory.Reading;

/// <summary>
/// Reads the YAML tree into settings, section by section, reporting every problem it meets and carrying on, so
/// one run shows the operator all of them.
/// </summary>
internal sealed partial class InventoryReader(InventoryErrorList errors, LocalPaths paths)
{
    private static readonly string[] TopKeys = ["octopus", "defaults", "environments"];
    private static readonly string[] OctopusKeys = ["url", "api-key", "space"];
    private static readonly string[] SettingsKeys = ["ssh", "machine-policy", "roles", "tenants", "tentacle", "iis"];
    private static readonly string[] HostKeys = ["name", "address", "os", .. SettingsKeys];
    private static readonly string[] EnvironmentKeys = ["hosts"];
    private static readonly string[] SshKeys = ["user", "port", "identity", "host-key-policy", "known-hosts", "command-timeout"];
    private static readonly string[] TentacleKeys = ["instance", "listen-port", "listen-address", "installers", "linux", "windows"];
    private static readonly string[] InstallerKeys = ["linux", "windows"];
    private static readonly string[] DirectoryKeys = ["install-directory", "config", "home", "app"];
    private static readonly string[] IisKeys = ["mutex", "baseline"];
    private static readonly string[] MutexKeys = ["name", "timeout"];

    private static readonly Dictionary<string, HostOs> OsNames = new()
    {
        ["linux"] = HostOs.Linux,
        ["windows"] = HostOs.Windows,
    };

    private static readonly Dictionary<string, HostKeyPolicy> PolicyNames = new()
    {
        ["strict"] = HostKeyPolicy.Strict,
        ["accept-new"] = HostKeyPolicy.AcceptNew,
        ["off"] = HostKeyPolicy.Off,
    };

    private const string SafeNameRule = "must start with a letter or digit and contain only letters, digits, '.', '-' and '_'";

    /// <summary>The inventory, or <c>null</c> when anything was reported.</summary>
    public FleetInventory? Read(YamlNode? root, string source)
    {
        if (root is null)
        {
            errors.Add(Section.Root.At, "the inventory is empty: it needs 'octopus' (url, api-key) and 'environments' with at least one host");
            return null;
        }

        if (root is not MappingNode rootMapping)
        {
            errors.Add(root.Start, $"the inventory must be a mapping with the keys {string.Join(", ", TopKeys)}");
            return null;
        }

        var top = MappingFields.Read(rootMapping, Section.Root, TopKeys, errors);
        var octopus = ReadOctopus(top);
        var defaults = top.Mapping("defaults", SettingsKeys) is { } defaultsFields
            ? ReadSettings(defaultsFields, hostOs: null)
            : HostLayer.Empty;
        var environments = new List<string>();
        var drafts = ReadEnvironments(top, environments);
        var hosts = new HostResolver(errors, paths).Resolve(drafts, defaults);

        return octopus is null || errors.Any ? null : new FleetInventory(source, octopus, [.. environments], hosts);
    }

    private OctopusServerSettings? ReadOctopus(MappingFields top)
    {
        if (!top.Require("octopus", "a section with url: and api-key:"))
        {
            return null;
        }

        if (top.Mapping("octopus", OctopusKeys) is not { } octopus)
        {
            return null;
        }

        var url = ReadServerUrl(octopus);
        var apiKey = ReadApiKey(octopus);
        var space = octopus.Text("space");
        return url is null || apiKey is null ? null : new OctopusServerSettings(url, apiKey, space);
    }

    private static Uri? ReadServerUrl(MappingFields octopus)
    {
        if (octopus.RequiredText("url", "https://octopus.example.com") is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Host.Length > 0)
        {
            return url;
        }

        octopus.Error("url", $"must be an absolute http or https URL such as https://octopus.example.com, found '{text}'");
        return null;
    }

    // Messages about the API key never quote what was written: it may be the key itself.
    private SecretReference? ReadApiKey(MappingFields octopus)
    {
        if (octopus.RequiredText("api-key", "env:OCTOPUS_API_KEY (or file:PATH to a file holding the key)") is not { } text)
        {
            return null;
        }

        if (text.StartsWith("env:", StringComparison.OrdinalIgnoreCase))
        {
            var name = text[4..].Trim();
            if (EnvironmentVariableName().IsMatch(name))
            {
                return SecretReference.FromEnvironmentVariable(name);
            }

            octopus.Error("api-key", "must name an environment variable after 'env:' (letters, digits and '_', not starting with a digit), such as env:OCTOPUS_API_KEY");
            return null;
        }

        if (text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var written = text[5..].Trim();
            if (written.Length == 0)
            {
                octopus.Error("api-key", "must name a file after 'file:', such as file:./secrets/octopus-api-key");
                return null;
            }

            var path = paths.Resolve(written);
            if (LocalPaths.ProblemReading(path) is { } problem)
            {
                octopus.Error("api-key", problem);
                return null;
            }

            return SecretReference.FromFile(path);
        }

        octopus.Error("api-key", "must say where the API key is kept, not hold the key itself: write env:NAME to read it from an environment variable, or file:PATH to read it from a file");
        return null;
    }

    /// <param name="hostOs">The host's OS when reading a host, so settings for the other OS are reported; null for defaults.</param>
    private HostLayer ReadSettings(MappingFields fields, HostOs? hostOs) => new(
        fields.Names("roles", "[web-server, app-server]"),
        fields.Names("tenants", "[Acme, Globex]"),
        fields.Text("machine-policy"),
        fields.Mapping("ssh", SshKeys) is { } ssh ? ReadSsh(ssh) : SshLayer.Empty,
        fields.Mapping("tentacle", TentacleKeys) is { } tentacle ? ReadTentacle(tentacle, hostOs) : TentacleLayer.Empty,
        fields.Mapping("iis", IisKeys) is { } iis ? ReadIis(iis) : IisLayer.Empty);

    private IisLayer ReadIis(MappingFields iis)
    {
        var mutex = iis.Mapping("mutex", MutexKeys);
        var baseline = iis.Sequence("baseline", IisOperationListReader.Example) is { } list
            ? new Declared<ImmutableArray<IisOperation>>(
                IisOperationListReader.Read(list, iis.Section.Child("baseline", iis.KeyAt("baseline")), errors),
                iis.Section.Field("baseline"),
                iis.KeyAt("baseline"))
            : null;
        return new IisLayer(mutex is null ? null : ReadMutexName(mutex), mutex is null ? null : ReadMutexTimeout(mutex), baseline);
    }

    // Each part of the mutex is checked with the other's default, so a problem is reported where that part is written.
    private string? ReadMutexName(MappingFields mutex) =>
        mutex.Text("name") is { } name &&
        IisValidation.Mutex(new IisMutex(name, IisMutex.DefaultTimeout), mutex.Section.Field("name"), mutex.ValueAt("name"), errors)
            ? name
            : null;

    private TimeSpan? ReadMutexTimeout(MappingFields mutex) =>
        mutex.Duration("timeout") is { } timeout &&
        IisValidation.Mutex(new IisMutex(timeout), mutex.Section.Field("timeout"), mutex.ValueAt("timeout"), errors)
            ? timeout
            : null;

    private SshLayer ReadSsh(MappingFields ssh)
    {
        var user = ssh.Text("user");
        if (user is not null && user.Any(char.IsWhiteSpace))
        {
            ssh.Error("user", $"must not contain spaces, found '{user}'");
        }

        var policy = ssh.Choice("host-key-policy", PolicyNames);
        var knownHosts = ssh.Text("known-hosts");
        return new SshLayer(
            user,
            ssh.Port("port"),
            ReadableFile(ssh, "identity"),
            policy is { } p ? new Declared<HostKeyPolicy>(p, ssh.Section.Field("host-key-policy"), ssh.ValueAt("host-key-policy")) : null,
            knownHosts is null ? null : new Declared<string>(paths.Resolve(knownHosts), ssh.Section.Field("known-hosts"), ssh.ValueAt("known-hosts")),
            ssh.Duration("command-timeout"));
    }

    private TentacleLayer ReadTentacle(MappingFields tentacle, HostOs? hostOs)
    {
        var instance = tentacle.Text("instance");
        if (instance is not null && !SafeName().IsMatch(instance))
        {
            // The instance name becomes part of paths and service names on the host.
            tentacle.Error("instance", $"{SafeNameRule}, found '{instance}'");
        }

        var installers = tentacle.Mapping("installers", InstallerKeys);
        return new TentacleLayer(
            instance,
            tentacle.Port("listen-port"),
            ReadListenAddress(tentacle),
            installers is not null && AppliesTo(hostOs, installers, "linux") ? ReadableFile(installers, "linux") : null,
            installers is not null && AppliesTo(hostOs, installers, "windows") ? ReadableFile(installers, "windows") : null,
            ReadDirectories(tentacle, HostOs.Linux, hostOs),
            ReadDirectories(tentacle, HostOs.Windows, hostOs));
    }

    /// <summary>
    /// Whether the per-OS key <paramref name="osKey"/> (linux, windows) is set and applies. In a host, settings for
    /// the other OS are reported rather than silently ignored; 'defaults' (null <paramref name="hostOs"/>) serves both.
    /// </summary>
    private static bool AppliesTo(HostOs? hostOs, MappingFields fields, string osKey)
    {
        if (!fields.Has(osKey))
        {
            return false;
        }

        if (hostOs is { } os && OsNames[osKey] != os)
        {
            fields.Errors.Add(fields.KeyAt(osKey),
                $"{fields.Section.Field(osKey)} does not apply to a {OsWord(os)} host: remove it, or change the host's os");
            return false;
        }

        return true;
    }

    private static string? ReadListenAddress(MappingFields tentacle)
    {
        if (tentacle.Text("listen-address") is not { } text)
        {
            return null;
        }

        if (string.Equals(text, "any", StringComparison.OrdinalIgnoreCase))
        {
            return BuiltInDefaults.TentacleListenAddress;
        }

        // IPAddress.TryParse also takes shorthand such as "10.1" (10.0.0.1), which hides typos: IPv4 needs 4 parts.
        if (IPAddress.TryParse(text, out var ip) &&
            (ip.AddressFamily == AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3))
        {
            return ip.ToString();
        }

        tentacle.Error("listen-address", $"must be 'any' or an IP address, found '{text}'");
        return null;
    }

    private static TentacleDirectoriesLayer ReadDirectories(MappingFields tentacle, HostOs os, HostOs? hostOs)
    {
        var key = OsWord(os);
        if (!AppliesTo(hostOs, tentacle, key) || tentacle.Mapping(key, DirectoryKeys) is not { } directories)
        {
            return TentacleDirectoriesLayer.Empty;
        }

        return new TentacleDirectoriesLayer(
            HostPath(directories, "install-directory", os),
            HostPath(directories, "config", os),
            HostPath(directories, "home", os),
            HostPath(directories, "app", os));
    }

    private static string? HostPath(MappingFields directories, string key, HostOs os)
    {
        if (directories.Text(key) is not { } path)
        {
            return null;
        }

        var absolute = os == HostOs.Linux ? path.StartsWith('/') : WindowsAbsolutePath().IsMatch(path);
        if (!absolute)
        {
            directories.Error(key, os == HostOs.Linux
                ? $"must be an absolute Linux path (starting with /), found '{path}'"
                : $@"must be an absolute Windows path such as C:\Octopus, found '{path}'");
        }

        return path;
    }

    /// <summary>
    /// The absolute path of a local file the coordinator will read, reporting it when it cannot be read. The path
    /// is returned even then, so the host does not also get a misleading "no file given" error.
    /// </summary>
    private string? ReadableFile(MappingFields fields, string key)
    {
        if (fields.Text(key) is not { } written)
        {
            return null;
        }

        var path = paths.Resolve(written);
        if (LocalPaths.ProblemReading(path) is { } problem)
        {
            fields.Error(key, problem);
        }

        return path;
    }

    private List<HostDraft> ReadEnvironments(MappingFields top, List<string> names)
    {
        const string WhatToWrite = "a mapping of environment names to their hosts";
        if (!top.Require("environments", WhatToWrite) || top.RawMapping("environments", $"expected {WhatToWrite}") is not { } environments)
        {
            return [];
        }

        var section = Section.Root.Child("environments", top.KeyAt("environments"));
        if (environments.Entries.Count == 0)
        {
            top.Error("environments", $"is empty: add {WhatToWrite}, at least one with one host");
            return [];
        }

        var drafts = new List<HostDraft>();
        var seen = new Dictionary<string, Position>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in environments.Entries)
        {
            if (MappingFields.PlainKey(entry, section, errors) is not { } name)
            {
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                errors.Add(entry.Key.Start,
                    $"environment '{name}' is already defined at line {first.Line} (environment names are compared ignoring case)");
                continue;
            }

            seen.Add(name, entry.Key.Start);
            names.Add(name);
            drafts.AddRange(ReadEnvironment(name, entry));
        }

        return drafts;
    }

    private IEnumerable<HostDraft> ReadEnvironment(string name, MappingEntry entry)
    {
        var section = Section.Of($"environment '{name}'", entry.Key.Start);
        const string WhatToWrite = "a list of hosts, each with name, address and os";
        if (entry.Value is not MappingNode mapping)
        {
            errors.Add(entry.Value is ScalarNode { IsNull: true } ? entry.Key.Start : entry.Value.Start,
                $"{section.Name} must be a mapping with 'hosts': {WhatToWrite}");
            yield break;
        }

        var fields = MappingFields.Read(mapping, section, EnvironmentKeys, errors);
        if (!fields.Require("hosts", WhatToWrite) ||
            fields.Sequence("hosts", "[{ name: web-01, address: 10.0.0.5, os: linux }]") is not { } hosts)
        {
            yield break;
        }

        if (hosts.Items.Count == 0)
        {
            fields.Error("hosts", $"is empty: add at least one host, with name, address and os");
        }

        for (var i = 0; i < hosts.Items.Count; i++)
        {
            if (ReadHost(hosts.Items[i], name, i + 1) is { } draft)
            {
                yield return draft;
            }
        }
    }

    private HostDraft? ReadHost(YamlNode node, string environment, int number)
    {
        var owner = PeekName(node) is { } peeked ? $"host '{peeked}'" : $"host #{number} of environment '{environment}'";
        if (node is not MappingNode mapping)
        {
            errors.Add(node.Start, $"{owner} must be a mapping with name, address and os");
            return null;
        }

        var fields = MappingFields.Read(mapping, Section.Of(owner, node.Start), HostKeys, errors);
        var name = fields.RequiredText("name", "<the Octopus machine name, unique in the inventory>");
        if (name is not null && !SafeName().IsMatch(name))
        {
            // The name is also the coordinator's journal id and part of file names.
            fields.Error("name", $"{SafeNameRule}, found '{name}'");
            name = null;
        }

        var address = fields.RequiredText("address", "<the IP address or DNS name that SSH and Octopus use to reach it>");
        if (address is not null && (address.Contains('[') || Uri.CheckHostName(address) is UriHostNameType.Unknown or UriHostNameType.Basic))
        {
            fields.Error("address", $"must be an IP address or a DNS name, found '{address}'");
            address = null;
        }

        var os = fields.Require("os", "linux (or windows)") ? fields.Choice("os", OsNames) : null;
        return new HostDraft(
            fields.Section,
            environment,
            name,
            fields.ValueAt("name"),
            address,
            fields.ValueAt("address"),
            os,
            ReadSettings(fields, os));
    }

    private static string? PeekName(YamlNode node) =>
        node is MappingNode mapping
            ? mapping.Entries
                .Where(e => e.Key is ScalarNode { Value: "name" })
                .Select(e => e.Value is ScalarNode { IsNull: false } value ? value.Value.Trim() : null)
                .FirstOrDefault(n => !string.IsNullOrEmpty(n))
            : null;

    private static string OsWord(HostOs os) => os == HostOs.Linux ? "linux" : "windows";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();

    [GeneratedRegex(@"^([A-Za-z]:[\\/]|\\\\)")]
    private static partial Regex WindowsAbsolutePath();
}
