using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Remote.Hosting;
using Coordinator.Host.Configuration;
using Coordinator.Host.Persistence;
using Coordinator.Protocol.Serialization;
using Serilog.Events;
using AkkaLogLevel = Akka.Event.LogLevel;

namespace Coordinator.Host.Hosting;

/// <summary>
/// The host's Akka composition, one concern per method. HOCON precedence, highest first: values derived from
/// <c>coordinator.*</c> (remote endpoint, connection string, log level), the operator's <c>--config</c> file,
/// the embedded hocon/*.conf files, then the reference configuration of Akka and its plugins.
/// </summary>
public static class CoordinatorAkkaConfiguration
{
    /// <summary>The operator's file over base.conf; every later default is appended beneath them.</summary>
    public static AkkaConfigurationBuilder WithCoordinatorConfiguration(
        this AkkaConfigurationBuilder builder, CoordinatorSettings settings) =>
        builder.AddHocon(
            settings.FileHocon.IsEmpty ? EmbeddedHocon.Base : settings.FileHocon.WithFallback(EmbeddedHocon.Base),
            HoconAddMode.Append);

    /// <summary>Akka's log events go to Microsoft.Extensions.Logging, which Serilog serves.</summary>
    public static AkkaConfigurationBuilder WithCoordinatorLogging(this AkkaConfigurationBuilder builder, LoggingSettings logging) =>
        builder.ConfigureLoggers(setup =>
        {
            // Akka filters before Serilog sees anything, and our own actors log through Akka too:
            // let through the lowest level any source may want; Serilog's per-source levels do the rest.
            setup.LogLevel = ToAkka((LogEventLevel)Math.Min((int)logging.Level, (int)logging.AkkaLevel));
            setup.ClearLoggers();
            setup.AddLoggerFactory();
        });

    public static AkkaConfigurationBuilder WithCoordinatorRemoting(this AkkaConfigurationBuilder builder, CoordinatorSettings settings) =>
        builder
            .AddHocon(EmbeddedHocon.Remote, HoconAddMode.Append)
            .WithRemoting(new RemoteOptions { HostName = settings.RemoteHostname, Port = settings.RemotePort });

    /// <summary>Akka.Persistence.Sql journal and snapshot store on the chosen store, started with the system.</summary>
    public static AkkaConfigurationBuilder WithCoordinatorPersistence(this AkkaConfigurationBuilder builder, CoordinatorSettings settings)
    {
        var connectionString = Quote(StoreConnection.For(settings));
        var connection = ConfigurationFactory.ParseString($"""
            akka.persistence.journal.sql.connection-string = {connectionString}
            akka.persistence.snapshot-store.sql.connection-string = {connectionString}
            """);
        return builder
            .AddHocon(EmbeddedHocon.Persistence(settings.Store), HoconAddMode.Append)
            .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append)
            .AddHocon(connection, HoconAddMode.Prepend)
            // Akka.Persistence starts the journal at the first persistent actor; starting it with the system
            // creates the tables and reports a store that cannot be reached while the operator is watching.
            .AddStartup((system, _) =>
            {
                var persistence = Akka.Persistence.Persistence.Instance.Apply(system);
                persistence.JournalFor(null);
                persistence.SnapshotStoreFor(null);
            });
    }

    public static AkkaConfigurationBuilder WithCoordinatorSerialization(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(ConfigurationFactory.ParseString(CoordinatorSerializer.Hocon), HoconAddMode.Append);

    private static AkkaLogLevel ToAkka(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => AkkaLogLevel.DebugLevel,
        LogEventLevel.Information => AkkaLogLevel.InfoLevel,
        LogEventLevel.Warning => AkkaLogLevel.WarningLevel,
        _ => AkkaLogLevel.ErrorLevel,
    };

    // A HOCON quoted string; connection strings may hold quotes, backslashes (Windows paths) and '#'.
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
