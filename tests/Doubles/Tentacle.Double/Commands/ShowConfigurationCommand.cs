using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tentacle.Double.Commands;

/// <summary><c>show-configuration</c>: the instance's settings as nested JSON, never the certificate itself.</summary>
internal sealed class ShowConfigurationCommand : InstanceCommand
{
    static readonly JsonSerializerOptions IndentedJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    string? file;

    public ShowConfigurationCommand() => Options.Value("file", v => file = v);

    public override async Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        var instance = LoadInstance(context);
        var settings = instance.Settings;
        var home = settings.HomeDirectory ?? context.Paths.DirectoryOf(instance.Selection.ConfigurationFilePath);
        var document = new JsonObject
        {
            ["Octopus"] = new JsonObject { ["Home"] = home },
            ["Tentacle"] = new JsonObject
            {
                ["CertificateThumbprint"] = settings.ReadCertificate().Certificate?.Thumbprint ?? string.Empty,
                ["Communication"] = new JsonObject
                {
                    ["TrustedOctopusServers"] = JsonSerializer.SerializeToNode(settings.TrustedServers),
                },
                ["Deployment"] = new JsonObject
                {
                    ["ApplicationDirectory"] = settings.ApplicationDirectory ?? context.Paths.Combine(home, "Applications"),
                },
                ["Services"] = new JsonObject
                {
                    ["ListenIP"] = settings.ListenIpAddress,
                    ["NoListen"] = settings.NoListen,
                    ["PortNumber"] = settings.Port,
                },
            },
        };

        var json = document.ToJsonString(IndentedJson);
        if (string.IsNullOrWhiteSpace(file))
            context.Info(json);
        else
            await File.WriteAllTextAsync(context.Paths.ToLocal(file), json, cancellation);
    }
}
