using System.Text.Json;

namespace Tentacle.Double.Commands;

/// <summary>The one Tentacle version the lab double claims to be.</summary>
internal static class TentacleVersion
{
    public const string Number = "8.3.2971";
}

/// <summary><c>version [--format=json]</c>: the version with no trailing newline.</summary>
internal sealed class VersionCommand : TentacleCommand
{
    static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    string format = "text";

    public VersionCommand() => Options.Value("format", v => format = v);

    public override Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        context.Output.Write(ReadFormat(format) == "json"
            ? JsonSerializer.Serialize(new
            {
                InformationalVersion = TentacleVersion.Number,
                MajorMinorPatch = TentacleVersion.Number,
                NuGetVersion = TentacleVersion.Number,
                SourceBranchName = "main",
                IsPrerelease = false,
            }, IndentedJson)
            : TentacleVersion.Number);
        return Task.CompletedTask;
    }
}
