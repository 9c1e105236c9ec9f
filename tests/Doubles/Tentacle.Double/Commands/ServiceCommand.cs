using Tentacle.Double.Services;

namespace Tentacle.Double.Commands;

/// <summary><c>service</c>: systemd on Linux, a detached listener standing in for the Windows service on the Windows flavour.</summary>
internal sealed class ServiceCommand : InstanceCommand
{
    readonly ServiceRequest request = new();

    public ServiceCommand()
    {
        Options.Flag("start", () => request.Start = true);
        Options.Flag("stop", () => request.Stop = true);
        Options.Flag("restart", () => request.Restart = true);
        Options.Flag("reconfigure", () => request.Reconfigure = true);
        Options.Flag("install", () => request.Install = true);
        Options.Flag("uninstall", () => request.Uninstall = true);
        Options.Value("username|user", v => request.Username = v);
        Options.Value("password", v => request.Password = v);
        Options.Value("dependOn", v => request.DependOn = v);
    }

    public override Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        var instance = LoadInstance(context);
        return context.Lab.IsWindowsFlavour
            ? new WindowsServiceStandIn(context, instance).ApplyAsync(request, cancellation)
            : new SystemdService(context).ApplyAsync(request, instance, cancellation);
    }
}
