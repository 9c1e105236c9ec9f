using System.Diagnostics;

namespace Coordinator.HostAccess.Tests;

/// <summary>The system ssh-keygen, for keys and known-hosts files the way OpenSSH writes them.</summary>
internal static class SshKeygen
{
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen {string.Join(' ', arguments)} failed: {await error}");
        }

        return await output;
    }

    /// <summary>A new ed25519 key pair without a passphrase; returns the private key's path.</summary>
    public static async Task<string> NewKeyAsync(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        await RunAsync("-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path);
        return path;
    }
}
