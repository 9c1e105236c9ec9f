using System.Diagnostics;

namespace Tentacle.Double.Services;

internal sealed record ShellResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs <c>bash -c "..."</c> the way Tentacle's Linux service code does, with a bounded wait.</summary>
internal sealed class ShellCommand(string bashPath)
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public async Task<ShellResult> RunAsync(string script, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(bashPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {bashPath}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new ShellResult(-1, string.Empty, $"'{script}' did not finish within {Limit.TotalSeconds:0} seconds.");
        }

        return new ShellResult(process.ExitCode, await output, await error);
    }
}
