using System.Diagnostics;
using Coordinator.Lab;

namespace Coordinator.Lab.Tests;

/// <summary>What the system ssh client did: its exit code (255 is ssh's own failure) and output.</summary>
internal sealed record SshResult(int ExitCode, string Output, string Error)
{
    public string Line => Output.Trim();
}

/// <summary>Drives hosts with the system ssh client, in batch mode, the way a human would reach them.</summary>
internal static class Ssh
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="command"/> on <paramref name="host"/> through the lab's ssh_config.</summary>
    public static Task<SshResult> RunAsync(string sshConfig, LabHost host, string command, int connectTimeoutSeconds = 10) =>
        RunProcessAsync("ssh", [.. Options(sshConfig, connectTimeoutSeconds), host.Name, command]);

    public static Task<SshResult> RunAsync(LabFixture lab, LabHost host, string command, int connectTimeoutSeconds = 10) =>
        RunAsync(lab.SshConfigPath, host, command, connectTimeoutSeconds);

    /// <summary>Starts a session that stays open; it has started once <see cref="LiveSession.ReadyAsync"/> returns.</summary>
    public static LiveSession Open(LabFixture lab, LabHost host, string command) =>
        new(Start("ssh", [.. Options(lab.SshConfigPath, 10), host.Name, command]));

    public static async Task<SshResult> RunProcessAsync(string fileName, IEnumerable<string> arguments)
    {
        using var process = Start(fileName, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        return new SshResult(process.ExitCode, await output, await error);
    }

    public static Process Start(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the key the lab hands out may be offered, never an agent's.
        start.Environment.Remove("SSH_AUTH_SOCK");
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static string[] Options(string sshConfig, int connectTimeoutSeconds) =>
        ["-F", sshConfig, "-o", "BatchMode=yes", "-o", $"ConnectTimeout={connectTimeoutSeconds}"];
}

/// <summary>An SSH session kept open by a long-running remote command that first prints <c>ready</c>.</summary>
internal sealed class LiveSession(Process process) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task ReadyAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.Equal("ready", line);
    }

    /// <summary>The ssh client's exit code once the session has ended.</summary>
    public async Task<int> EndedAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
