namespace Tentacle.Double.Commands;

/// <summary><c>delete-instance</c>: removes only the index entry; the configuration file stays.</summary>
internal sealed class DeleteInstanceCommand : InstanceCommand
{
    public override Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        var instance = LoadInstance(context);
        if (instance.Selection.Name is { } name && context.Instances.Find(name) is { } record)
        {
            context.Instances.Delete(record);
            context.Info("Deleted instance: " + record.Name);
        }

        return Task.CompletedTask;
    }
}
