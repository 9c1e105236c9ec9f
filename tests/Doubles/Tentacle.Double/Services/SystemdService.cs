using System.Text;
using System.Text.RegularExpressions;
using Tentacle.Double.CommandLine;
using Tentacle.Double.Commands;

namespace Tentacle.Double.Services;

/// <summary>
/// The Linux <c>service</c> command: prerequisites (bash, <c>sudo -vn</c>, systemctl), a unit file under the
/// systemd directory, and systemctl calls retried with sudo on a permission error. Like Tentacle, a failing
/// systemctl call is reported but does not fail the command.
/// </summary>
internal sealed partial class SystemdService(CommandContext context)
{
    const string UnnamedServiceName = "OctopusDeploy Tentacle";
    const string Description = "Octopus Deploy: Tentacle deployment agent";

    static readonly string[] ElevationHints = ["Interactive authentication required", "Failed to", "Access denied", "Permission denied"];

    readonly ShellCommand shell = new(context.Lab.BashPath);

    public async Task ApplyAsync(ServiceRequest request, LoadedInstance instance, CancellationToken cancellation)
    {
        await CheckPrerequisitesAsync(cancellation);

        var name = Sanitize(instance.Selection.Name ?? UnnamedServiceName);
        var unitFile = Path.Combine(context.Lab.SystemdUnitDirectory, name + ".service");

        if (request.Restart)
        {
            context.Info($"Restarting service: {name}");
            Report(await SystemctlAsync("restart", name, false, cancellation), "Service has been restarted", "The service could not be restarted");
        }

        if (request.Stop)
        {
            context.Info($"Stopping service: {name}");
            Report(await SystemctlAsync("stop", name, false, cancellation), "Service stopped", "The service could not be stopped");
        }

        if (request.Uninstall)
        {
            context.Info($"Removing systemd service: {name}");
            await RemoveAsync(name, unitFile, cancellation);
            context.Info("Service uninstalled");
        }

        if (request.Install)
        {
            await InstallAsync(request, instance, name, unitFile, cancellation);
        }

        if (request.Reconfigure)
        {
            context.Info($"Attempting to remove old service: {name}");
            await RemoveAsync(name, unitFile, cancellation);
            await InstallAsync(request, instance, name, unitFile, cancellation);
        }

        if (request.Start)
            Report(await SystemctlAsync("start", name, true, cancellation), $"Service started: {name}", $"Could not start the systemd service: {name}");
    }

    async Task CheckPrerequisitesAsync(CancellationToken cancellation)
    {
        if (!File.Exists(context.Lab.BashPath))
            throw new ControlledFailureException("Could not detect bash. bash is required to run tentacle.");
        if ((await shell.RunAsync("sudo -vn 2> /dev/null", cancellation)).ExitCode != 0)
            throw new ControlledFailureException("Requires elevated privileges. Please run command as sudo.");
        if ((await shell.RunAsync("command -v systemctl >/dev/null", cancellation)).ExitCode != 0)
            throw new ControlledFailureException("Could not detect systemd. systemd is required to run Tentacle as a service");
    }

    async Task InstallAsync(ServiceRequest request, LoadedInstance instance, string name, string unitFile, CancellationToken cancellation)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(unitFile)!);
        await File.WriteAllTextAsync(unitFile, UnitFileText(request, instance), cancellation);
        File.SetUnixFileMode(unitFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await SystemctlAsync("enable", name, true, cancellation);
        context.Info($"Service installed: {name}");
    }

    async Task RemoveAsync(string name, string unitFile, CancellationToken cancellation)
    {
        await SystemctlAsync("stop", name, false, cancellation);
        await SystemctlAsync("disable", name, false, cancellation);
        File.Delete(unitFile);
    }

    string UnitFileText(ServiceRequest request, LoadedInstance instance)
    {
        var after = string.IsNullOrWhiteSpace(request.DependOn) ? "network.target" : $"network.target {request.DependOn}";
        var execStart = string.Join(' ', TentacleExecutable.Command(context.Lab.LauncherPath)
            .Concat(TentacleExecutable.RunArguments(instance.Selection.Name, instance.Selection.ConfigurationFilePath)));
        return new StringBuilder()
            .Append("[Unit]\n")
            .Append($"Description={Description}\n")
            .Append($"After={after}\n")
            .Append('\n')
            .Append("[Service]\n")
            .Append("Type=simple\n")
            .Append($"User={request.Username ?? "root"}\n")
            .Append($"ExecStart={execStart}\n")
            .Append("Restart=always\n")
            .Append('\n')
            .Append("[Install]\n")
            .Append("WantedBy=multi-user.target\n")
            .ToString();
    }

    async Task<bool> SystemctlAsync(string verb, string name, bool failureIsError, CancellationToken cancellation)
    {
        var result = await shell.RunAsync($"systemctl {verb} {name}", cancellation);
        if (result.ExitCode == 0)
            return true;

        var usedSudo = false;
        if (ElevationHints.Any(hint => result.StandardError.Contains(hint, StringComparison.Ordinal)))
        {
            context.Info($"Permission denied. Retrying 'systemctl {verb} {name}' with sudo...");
            result = await shell.RunAsync($"sudo systemctl {verb} {name}", cancellation);
            if (result.ExitCode == 0)
                return true;
            usedSudo = true;
        }

        var report = failureIsError ? (Action<string>)context.Fail : context.Info;
        report($"The command '{(usedSudo ? "sudo systemctl" : "systemctl")} {verb} {name}' failed with exit code: {result.ExitCode}");
        foreach (var line in result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            report(line);
        return false;
    }

    void Report(bool succeeded, string success, string failure)
    {
        if (succeeded)
            context.Info(success);
        else
            context.Fail(failure);
    }

    static string Sanitize(string name) => Whitespace().Replace(name.Replace("/", string.Empty), "-");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
