using Coordinator.Host.Configuration;
using Coordinator.Host.Logging;
using Serilog.Events;
using Serilog.Parsing;
using Xunit;

namespace Coordinator.Tests.Configuration;

public sealed class LoggingTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_console_context_shows_host_run_and_step_only_when_present()
    {
        var withContext = Event(("Host", "web-01"), ("Step", "probe"), ("RunId", "run-7"));
        var without = Event();

        new WorkContextEnricher().Enrich(withContext, new PropertyFactory());
        new WorkContextEnricher().Enrich(without, new PropertyFactory());

        Assert.Equal(" {Host=web-01 RunId=run-7 Step=probe}", Rendered(withContext));
        Assert.Equal("", Rendered(without));
    }

    [Fact]
    public void The_file_gets_compact_json_with_the_structured_properties_and_per_source_levels()
    {
        var settings = new LoggingSettings(
            Level: LogEventLevel.Warning, AkkaLevel: LogEventLevel.Debug, MicrosoftLevel: LogEventLevel.Error,
            FileEnabled: true, FileDirectory: _directory.Path, RetainedFiles: 2);

        using (var logger = CoordinatorLogger.Create(settings))
        {
            logger.ForContext("SourceContext", "Coordinator.Actors.MachineActor")
                .Warning("Step {Step} failed on {Host}", "install", "web-01");
            logger.ForContext("SourceContext", "Coordinator.Actors.MachineActor").Information("below the level");
            logger.ForContext("SourceContext", "Akka.Remote.EndpointWriter").Debug("akka debug is wanted");
            logger.ForContext("SourceContext", "Microsoft.Hosting.Lifetime").Warning("microsoft warning is not");
        }

        var file = Assert.Single(Directory.GetFiles(_directory.Path, "coordinator-*.clef"));
        var lines = File.ReadAllLines(file);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"@mt\":\"Step {Step} failed on {Host}\"", lines[0]);
        Assert.Contains("\"Host\":\"web-01\"", lines[0]);
        Assert.Contains("\"Step\":\"install\"", lines[0]);
        Assert.DoesNotContain(WorkContextEnricher.PropertyName, lines[0]);
        Assert.Contains("akka debug is wanted", lines[1]);
    }

    [Fact]
    public void No_file_is_written_when_the_file_is_off()
    {
        var settings = new LoggingSettings(LogEventLevel.Information, LogEventLevel.Information, LogEventLevel.Warning,
            FileEnabled: false, FileDirectory: _directory.Path, RetainedFiles: 2);

        using (var logger = CoordinatorLogger.Create(settings))
        {
            logger.Warning("console only");
        }

        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    private static LogEvent Event(params (string Name, string Value)[] properties) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("message"),
            properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))));

    private static string Rendered(LogEvent logEvent) =>
        ((ScalarValue)logEvent.Properties[WorkContextEnricher.PropertyName]).Value as string ?? "";

    private sealed class PropertyFactory : Serilog.Core.ILogEventPropertyFactory
    {
        public LogEventProperty CreateProperty(string name, object? value, bool destructureObjects = false) =>
            new(name, new ScalarValue(value));
    }
}
