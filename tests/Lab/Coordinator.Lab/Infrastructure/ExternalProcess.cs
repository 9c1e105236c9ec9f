using System.Diagnostics;

namespace Coordinator.Lab;

/// <summary>Runs a short-lived tool (ssh-keygen, apt-get) to completion and hands back its output.</summary>
internal static class ExternalProcess
{
    public static async Task<string> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
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

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new LabException($"Could not start {fileName}.");
        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new LabException($"{fileName} {start.ArgumentList.FirstOrDefault()} did not finish within {timeout.TotalSeconds:0}s.");
        }

        if (process.ExitCode != 0)
        {
            throw new LabException($"{fileName} {start.ArgumentList.FirstOrDefault()} failed with exit code {process.ExitCode}: {(await error).Trim()}");
        }

        return await output;
    }
}
