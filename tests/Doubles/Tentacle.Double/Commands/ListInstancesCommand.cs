using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tentacle.Double.Commands;

/// <summary><c>list-instances [--format=json]</c>.</summary>
internal sealed class ListInstancesCommand : TentacleCommand
{
    static readonly JsonSerializerOptions IndentedJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    string format = "text";

    public ListInstancesCommand() => Options.Value("format", v => format = v);

    public override Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        var chosenFormat = ReadFormat(format);
        var instances = context.Instances.List();
        if (chosenFormat == "json")
        {
            context.Output.Write(JsonSerializer.Serialize(
                instances.Select(i => new { InstanceName = i.Name, i.ConfigurationFilePath }), IndentedJson));
            return Task.CompletedTask;
        }

        if (instances.Count == 0)
        {
            context.Output.Write("No instances installed");
            return Task.CompletedTask;
        }

        var text = new StringBuilder();
        foreach (var instance in instances)
            text.Append($"Instance '{instance.Name}' uses configuration '{instance.ConfigurationFilePath}'.\n");
        context.Output.Write(text.ToString());
        return Task.CompletedTask;
    }
}
