using Akka.Configuration;
using Akka.Configuration.Hocon;
using Akka.Persistence.Sql;
using Akka.Streams;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Host.Configuration;

/// <summary>
/// Every key an operator's file may set: <c>coordinator.*</c> from base.conf, <c>akka.*</c> from our embedded
/// files and the reference configuration of Akka, Akka.Remote, Akka.Streams, Akka.Persistence and
/// Akka.Persistence.Sql. A key found in none of them is a typo that would otherwise be ignored silently.
/// </summary>
public static class KnownSettings
{
    // Sections whose children are names the operator chooses, not settings Akka reads by name.
    private static readonly string[][] OpenSections =
    [
        ["akka", "actor", "deployment"],
        ["akka", "actor", "serializers"],
        ["akka", "actor", "serialization-bindings"],
        ["akka", "actor", "serialization-identifiers"],
        ["akka", "actor", "serialization-settings"],
    ];

    // A persistence plugin's settings fall back to these sections, so their keys are valid under the plugin too.
    private static readonly (string[] Plugin, string[] Fallback)[] PluginFallbacks =
    [
        (["akka", "persistence", "journal", "sql"], ["akka", "persistence", "journal-plugin-fallback"]),
        (["akka", "persistence", "snapshot-store", "sql"], ["akka", "persistence", "snapshot-store-plugin-fallback"]),
    ];

    // Keys the host derives from coordinator.* and sets over any file: setting them here would do nothing.
    private static readonly Dictionary<string, string> HostOwned = new()
    {
        ["akka.loglevel"] = "coordinator.logging.level or coordinator.logging.akka-level",
        ["akka.loggers"] = "coordinator.logging (the host routes Akka's logs into its own)",
        ["akka.remote.dot-netty.tcp.hostname"] = "coordinator.remote.hostname",
        ["akka.remote.dot-netty.tcp.port"] = "coordinator.remote.port",
        ["akka.persistence.journal.sql.connection-string"] = "coordinator.persistence",
        ["akka.persistence.snapshot-store.sql.connection-string"] = "coordinator.persistence",
    };

    private static readonly Lazy<IReadOnlyList<HoconValue>> Roots = new(LoadRoots);
    private static readonly Lazy<IReadOnlyList<string>> LeafKeys = new(() =>
        Roots.Value.SelectMany(HoconPath.Leaves).Select(leaf => HoconPath.Format(leaf.Path)).Distinct().ToArray());

    /// <summary>Throws on the first key in <paramref name="file"/> that no default or reference config knows.</summary>
    public static void EnsureKnown(Config file, string fileName)
    {
        if (file.IsEmpty)
        {
            return;
        }

        foreach (var (path, _) in HoconPath.Leaves(file.Root))
        {
            if (OpenSections.Any(section => StartsWith(path, section)))
            {
                continue;
            }

            var key = HoconPath.Format(path);
            if (HostOwned.TryGetValue(key, out var instead))
            {
                throw new CoordinatorConfigurationException(
                    $"setting \"{key}\" in config file {fileName} is set by the host; use {instead} instead");
            }

            var known = Find(path);
            if (known is null)
            {
                var suggestion = ClosestKnownKey(key) is { } closest ? $"; did you mean \"{closest}\"?" : "";
                throw new CoordinatorConfigurationException($"unknown setting \"{key}\" in config file {fileName}{suggestion}");
            }

            if (known.IsObject())
            {
                throw new CoordinatorConfigurationException(
                    $"setting \"{key}\" in config file {fileName} is a section; set the keys inside it instead");
            }
        }
    }

    private static HoconValue? Find(IReadOnlyList<string> path)
    {
        foreach (var root in Roots.Value)
        {
            var found = HoconPath.Find(root, path);
            foreach (var (plugin, fallback) in PluginFallbacks)
            {
                if (found is null && StartsWith(path, plugin))
                {
                    found = HoconPath.Find(root, [.. fallback, .. path.Skip(plugin.Length)]);
                }
            }

            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static string? ClosestKnownKey(string key)
    {
        var section = key.Split('.', 2)[0] + ".";
        var candidates = LeafKeys.Value.Where(known => known.StartsWith(section, StringComparison.Ordinal));
        var (best, distance) = candidates
            .Select(known => (known, distance: EditDistance(key, known)))
            .DefaultIfEmpty((known: "", distance: int.MaxValue))
            .MinBy(pair => pair.distance);
        return distance <= Math.Max(2, key.Length / 6) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static bool StartsWith(IReadOnlyList<string> path, string[] prefix) =>
        path.Count >= prefix.Length && prefix.Select((segment, i) => path[i] == segment).All(same => same);

    private static IReadOnlyList<HoconValue> LoadRoots()
    {
        var remote = typeof(Akka.Remote.RemoteActorRefProvider).Assembly;
        Config[] configs =
        [
            .. EmbeddedHocon.All,
            ConfigurationFactory.ParseString(CoordinatorSerializer.Hocon),
            ConfigurationFactory.Default(),
            ConfigurationFactory.FromResource("Akka.Remote.Configuration.Remote.conf", remote),
            ActorMaterializer.DefaultConfig(),
            Akka.Persistence.Persistence.DefaultConfig(),
            SqlPersistence.DefaultConfiguration,
        ];
        return configs.SelectMany(RootsOf).ToArray();
    }

    // A merged Config keeps each part's tree separate, chained through Fallback.
    private static IEnumerable<HoconValue> RootsOf(Config config)
    {
        for (var part = config; part is { IsEmpty: false }; part = part.Fallback)
        {
            yield return part.Root;
        }
    }
}
