using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tentacle.Double.CommandLine;
using Tentacle.Double.Commands;
using Tentacle.Double.Lab;

namespace Tentacle.Double.Services;

/// <summary>The lab's record of an installed Windows service.</summary>
internal sealed record WindowsServiceRegistration(string ServiceName, string? InstanceName, string ConfigurationFilePath, string? Username);

/// <summary>
/// The Windows-flavour <c>service</c> command. There is no service control manager in the lab, so "installed"
/// is a registration file and "running" is a detached listener process (new session, stdio to the instance's
/// log, pid under the instance's home) that outlives the SSH session which started it.
/// </summary>
internal sealed class WindowsServiceStandIn(CommandContext context, LoadedInstance instance)
{
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(15);
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    string ServiceName => instance.Selection.Name is { } name && !string.Equals(name, "Tentacle", StringComparison.OrdinalIgnoreCase)
        ? $"OctopusDeploy Tentacle: {name}"
        : "OctopusDeploy Tentacle";

    string RegistrationFile
    {
        get
        {
            var paths = context.Paths;
            var fileName = string.Concat(ServiceName.Select(c => char.IsLetterOrDigit(c) ? c : '-')) + ".json";
            return paths.ToLocal(paths.Combine(paths.MachineConfigurationHome, "Tentacle", "Services", fileName));
        }
    }

    string LocalHome => context.Paths.ToLocal(
        instance.Settings.HomeDirectory ?? context.Paths.DirectoryOf(instance.Selection.ConfigurationFilePath));

    string PidFile => Path.Combine(LocalHome, "Tentacle.pid");

    string LogFile => Path.Combine(LocalHome, "Logs", "OctopusTentacle.txt");

    public async Task ApplyAsync(ServiceRequest request, CancellationToken cancellation)
    {
        var installed = File.Exists(RegistrationFile);

        if (request.Restart && installed)
        {
            if (RunningPid() is not null)
            {
                context.Info($"Restarting service {ServiceName}");
                await StopAsync(cancellation);
                await StartAsync(cancellation);
            }
            else
            {
                context.Info($"Service {ServiceName} wasn't restarted as it is not running.");
            }
        }

        if (request.Stop && installed)
            await StopAsync(cancellation);

        if (request.Uninstall && installed)
        {
            await StopAsync(cancellation);
            File.Delete(RegistrationFile);
            installed = false;
            context.Info("Service uninstalled");
        }

        if (request.Install || request.Reconfigure)
        {
            Register(request);
            context.Info(request.Install && !installed ? "Service installed" : "Service reconfigured");
            installed = true;
            if (!string.IsNullOrWhiteSpace(request.Username))
            {
                if (!string.IsNullOrEmpty(request.Password))
                    context.Info("Granting log on as a service right to " + request.Username);
                context.Info("Service credentials set");
            }
        }

        if (request.Start)
        {
            if (!installed)
                throw new ControlledFailureException($"Start requested for service {ServiceName}, but no service with this name is installed.");
            if (RunningPid() is null)
                await StartAsync(cancellation);
        }
    }

    void Register(ServiceRequest request)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(RegistrationFile)!);
        var registration = new WindowsServiceRegistration(
            ServiceName, instance.Selection.Name, instance.Selection.ConfigurationFilePath, request.Username);
        File.WriteAllText(RegistrationFile, JsonSerializer.Serialize(registration));
    }

    async Task StartAsync(CancellationToken cancellation)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        var logOffset = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
        var pid = await SpawnDetachedListenerAsync(cancellation);
        await File.WriteAllTextAsync(PidFile, pid.ToString(CultureInfo.InvariantCulture), cancellation);

        var deadline = DateTime.UtcNow + StartLimit;
        while (DateTime.UtcNow < deadline)
        {
            var log = ReadLogFrom(logOffset);
            if (log.Contains("Agent listening on:", StringComparison.Ordinal) ||
                log.Contains("Agent will not listen", StringComparison.Ordinal))
            {
                context.Info("Service started");
                return;
            }

            if (!Posix.IsRunning(pid))
            {
                File.Delete(PidFile);
                throw new ControlledFailureException($"The service {ServiceName} stopped while starting: {log.Trim()}");
            }

            await Task.Delay(PollInterval, cancellation);
        }

        throw new ControlledFailureException($"The service {ServiceName} did not report listening within {StartLimit.TotalSeconds:0} seconds.");
    }

    async Task<int> SpawnDetachedListenerAsync(CancellationToken cancellation)
    {
        // sh does the redirections and backgrounding; the agent itself calls setsid() (see RunAgentCommand).
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=\"$1\"; shift; \"$@\" </dev/null >>\"$log\" 2>&1 & echo $!");
        start.ArgumentList.Add("tentacle-service");
        start.ArgumentList.Add(LogFile);
        foreach (var argument in TentacleExecutable.Command(context.Lab.LauncherPath)
                     .Concat(TentacleExecutable.RunArguments(instance.Selection.Name, instance.Selection.ConfigurationFilePath)))
            start.ArgumentList.Add(argument);
        start.Environment[RunAgentCommand.DetachVariable] = "1";

        using var shell = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh.");
        shell.StandardInput.Close();
        var printed = await shell.StandardOutput.ReadToEndAsync(cancellation);
        await shell.WaitForExitAsync(cancellation);
        return int.Parse(printed.Trim(), CultureInfo.InvariantCulture);
    }

    async Task StopAsync(CancellationToken cancellation)
    {
        if (RunningPid() is not { } pid)
            return;
        context.Info("Stopping service...");
        Posix.SendSignal(pid, Posix.SigTerm);
        var deadline = DateTime.UtcNow + StopLimit;
        while (Posix.IsRunning(pid) && DateTime.UtcNow < deadline)
            await Task.Delay(PollInterval, cancellation);
        if (Posix.IsRunning(pid))
            Posix.SendSignal(pid, Posix.SigKill);
        File.Delete(PidFile);
        context.Info("Service stopped");
    }

    /// <summary>The recorded listener, if it still runs and is still a Tentacle (pids get reused).</summary>
    int? RunningPid()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
            return null;
        return Posix.IsRunning(pid) && Posix.CommandLineOf(pid).Contains("Tentacle", StringComparison.Ordinal) ? pid : null;
    }

    string ReadLogFrom(long offset)
    {
        if (!File.Exists(LogFile))
            return string.Empty;
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
