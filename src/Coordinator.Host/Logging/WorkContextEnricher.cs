using Serilog.Core;
using Serilog.Events;

namespace Coordinator.Host.Logging;

/// <summary>
/// Renders the structured properties that say which host, run and step a console line is about as one
/// <c>WorkContext</c> property, empty when none is present, so the console template needs no placeholders
/// that would print blanks. Used only on the console: the CLEF file keeps the properties themselves.
/// </summary>
public sealed class WorkContextEnricher : ILogEventEnricher
{
    public const string PropertyName = "WorkContext";

    private static readonly string[] ContextProperties = ["Host", "RunId", "Step"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var parts = ContextProperties
            .Where(logEvent.Properties.ContainsKey)
            .Select(name => $"{name}={Render(logEvent.Properties[name])}")
            .ToArray();
        var rendered = parts.Length == 0 ? "" : " {" + string.Join(' ', parts) + "}";
        logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty(PropertyName, rendered));
    }

    private static string Render(LogEventPropertyValue value) =>
        value is ScalarValue { Value: string text } ? text : value.ToString();
}
