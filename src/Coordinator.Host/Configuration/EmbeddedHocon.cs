using Akka.Configuration;

namespace Coordinator.Host.Configuration;

/// <summary>The <c>hocon/*.conf</c> files compiled into this assembly.</summary>
public static class EmbeddedHocon
{
    public const string BaseFile = "base.conf";
    public const string RemoteFile = "remote.conf";

    private static readonly Lazy<Config> BaseConfig = new(() => Load(BaseFile));
    private static readonly Lazy<Config> RemoteConfig = new(() => Load(RemoteFile));
    private static readonly Lazy<Config> SqliteConfig = new(() => Load("persistence-sqlite.conf"));
    private static readonly Lazy<Config> PostgresConfig = new(() => Load("persistence-postgres.conf"));

    /// <summary><c>coordinator.*</c> defaults and the base <c>akka</c> settings.</summary>
    public static Config Base => BaseConfig.Value;

    public static Config Remote => RemoteConfig.Value;

    public static Config Persistence(StoreKind store) => store switch
    {
        StoreKind.Sqlite => SqliteConfig.Value,
        StoreKind.Postgres => PostgresConfig.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(store), store, null),
    };

    /// <summary>Every embedded file's <c>akka</c> settings, whichever store is chosen.</summary>
    public static IEnumerable<Config> All =>
        [BaseConfig.Value, RemoteConfig.Value, SqliteConfig.Value, PostgresConfig.Value];

    public static string ReadText(string fileName)
    {
        var resourceName = "hocon." + fileName;
        using var stream = typeof(EmbeddedHocon).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Resource {resourceName} is missing from {typeof(EmbeddedHocon).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Config Load(string fileName) => ConfigurationFactory.ParseString(ReadText(fileName));
}
