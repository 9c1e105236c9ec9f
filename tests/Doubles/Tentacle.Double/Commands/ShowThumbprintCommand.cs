using System.Text;
using System.Text.Json;

namespace Tentacle.Double.Commands;

/// <summary>
/// <c>show-thumbprint</c>: exactly the thumbprint, no trailing newline, nothing on stderr; empty when the
/// instance has no certificate readable on this machine.
/// </summary>
internal sealed class ShowThumbprintCommand : InstanceCommand
{
    string format = "text";
    string? exportFile;

    public ShowThumbprintCommand()
    {
        Options.Value("e|export-file", v => exportFile = v);
        Options.Flag("thumbprint-only", () => { });
        Options.Value("format", v => format = v);
    }

    public override async Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        var instance = LoadInstance(context);
        var chosenFormat = ReadFormat(format);
        var thumbprint = instance.Settings.ReadCertificate().Certificate?.Thumbprint;
        var content = chosenFormat == "json"
            ? JsonSerializer.Serialize(new { Thumbprint = thumbprint })
            : thumbprint ?? string.Empty;

        if (string.IsNullOrWhiteSpace(exportFile))
        {
            context.Output.Write(content);
            return;
        }

        await File.WriteAllTextAsync(context.Paths.ToLocal(exportFile), content, Encoding.ASCII, cancellation);
        context.Info($"The thumbprint has been written to {exportFile}.");
    }
}
