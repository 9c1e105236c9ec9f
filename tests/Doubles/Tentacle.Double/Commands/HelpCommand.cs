namespace Tentacle.Double.Commands;

/// <summary><c>help</c>: the commands this lab Tentacle understands.</summary>
internal sealed class HelpCommand : TentacleCommand
{
    public override Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        Write(context.Output);
        return Task.CompletedTask;
    }

    public static void Write(TextWriter output)
    {
        output.WriteLine($"Octopus Deploy: Tentacle version {TentacleVersion.Number} (lab test double)");
        output.WriteLine();
        output.WriteLine("Usage: Tentacle <command> [<options>]");
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var name in CommandCatalog.Names)
            output.WriteLine("  " + name);
    }
}
