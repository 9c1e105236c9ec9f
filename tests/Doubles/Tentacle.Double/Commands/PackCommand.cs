using System.Globalization;
using Tentacle.Double.CommandLine;
using Tentacle.Double.Packaging;

namespace Tentacle.Double.Commands;

/// <summary>
/// <c>pack --output DIR [--install-delay-ms N]</c>: not a Tentacle command; builds the lab's installers from
/// the files of this very double (see <see cref="ArtifactBuilder"/>).
/// </summary>
internal sealed class PackCommand : TentacleCommand
{
    string? output;
    int installDelay;

    public PackCommand()
    {
        Options.Value("output", v => output = v);
        Options.Value("install-delay-ms", v => installDelay = int.Parse(v, CultureInfo.InvariantCulture));
    }

    public override Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(output))
            throw new ControlledFailureException("Please specify --output=DIRECTORY.");
        if (installDelay < 0)
            throw new ControlledFailureException("--install-delay-ms cannot be negative.");
        var artifacts = new ArtifactBuilder(AppContext.BaseDirectory).Build(output, installDelay);
        context.Info(artifacts.Tarball);
        context.Info(artifacts.Msi);
        return Task.CompletedTask;
    }
}
