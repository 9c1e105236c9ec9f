using System.Globalization;
using Coordinator.Host.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Formatting.Compact;

namespace Coordinator.Host.Logging;

/// <summary>Serilog for the host: readable console lines for people, a rolling CLEF file for machines.</summary>
public static class CoordinatorLogger
{
    public const string FileNamePattern = "coordinator-.clef";

    private const string ConsoleTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{WorkContext}{NewLine}{Exception}";

    public static Logger Create(LoggingSettings settings)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(settings.Level)
            .MinimumLevel.Override("Akka", settings.AkkaLevel)
            .MinimumLevel.Override("Microsoft", settings.MicrosoftLevel)
            .Enrich.FromLogContext()
            .WriteTo.Logger(console => console
                .Enrich.With<WorkContextEnricher>()
                .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture));

        if (settings.FileEnabled)
        {
            configuration = configuration.WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(settings.FileDirectory, FileNamePattern),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: settings.RetainedFiles);
        }

        return configuration.CreateLogger();
    }
}
