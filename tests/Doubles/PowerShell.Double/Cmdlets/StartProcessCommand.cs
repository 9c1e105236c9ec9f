using System.Diagnostics;
using System.Management.Automation;
using Lab.Windows;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

/// <summary>
/// Start-Process as Windows scripts use it to run installers: <c>Start-Process msiexec.exe -ArgumentList ... -Wait -PassThru</c>.
/// The argument list is joined into one Windows command line, as on Windows.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "Process")]
[OutputType(typeof(Process))]
public sealed class StartProcessCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true)]
    [Alias("PSPath", "Path")]
    public string FilePath { get; set; } = "";

    [Parameter(Position = 1)]
    [Alias("Args")]
    public string[] ArgumentList { get; set; } = [];

    [Parameter] public string? WorkingDirectory { get; set; }
    [Parameter] public SwitchParameter Wait { get; set; }
    [Parameter] public SwitchParameter PassThru { get; set; }
    [Parameter] public SwitchParameter NoNewWindow { get; set; }
    [Parameter] public string? WindowStyle { get; set; }
    [Parameter] public string? RedirectStandardOutput { get; set; }
    [Parameter] public string? RedirectStandardError { get; set; }

    protected override void ProcessRecord()
    {
        var start = new ProcessStartInfo(ResolveProgram(), string.Join(' ', ArgumentList))
        {
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory is null
                ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
                : FileSystemPaths.ForWriting(this, WorkingDirectory),
            RedirectStandardOutput = RedirectStandardOutput is not null,
            RedirectStandardError = RedirectStandardError is not null,
        };
        var exitCodeFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lab-exit-code-{Guid.NewGuid():N}");
        start.Environment[FullExitCode.FileVariable] = exitCodeFile;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{FilePath}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                $"This command cannot be run due to the error: {e.Message}", e), "InvalidOperationException", ErrorCategory.InvalidOperation, FilePath));
            return;
        }

        var copies = new List<Task>();
        if (RedirectStandardOutput is not null) copies.Add(CopyTo(process.StandardOutput, RedirectStandardOutput));
        if (RedirectStandardError is not null) copies.Add(CopyTo(process.StandardError, RedirectStandardError));
        if (Wait)
        {
            process.WaitForExit();
            Task.WaitAll(copies);
        }
        if (!PassThru)
        {
            if (Wait) ReportedExitCode(exitCodeFile);
            return;
        }
        var shown = new PSObject(process);
        if (Wait)
        {
            shown.Properties.Add(new PSNoteProperty(nameof(Process.ExitCode), ReportedExitCode(exitCodeFile) ?? process.ExitCode));
        }
        else
        {
            shown.Properties.Add(new PSNoteProperty(ExitCodeFileProperty, exitCodeFile));
            shown.Properties.Add(new PSCodeProperty(nameof(Process.ExitCode), typeof(StartProcessCommand).GetMethod(nameof(WindowsExitCode))));
        }
        WriteObject(shown);
    }

    private const string ExitCodeFileProperty = "LabExitCodeFile";
    private const string ReportedExitCodeProperty = "LabReportedExitCode";

    /// <summary>
    /// $process.ExitCode of a process started without -Wait, as Windows reports it: the full code a lab double
    /// left in its exit-code file, else the (8-bit) exit status Linux keeps.
    /// </summary>
    public static int WindowsExitCode(PSObject instance)
    {
        var process = (Process)instance.BaseObject;
        if (instance.Properties[ReportedExitCodeProperty]?.Value is int reported) return reported;
        var file = instance.Properties[ExitCodeFileProperty]?.Value as string;
        if (!process.HasExited || file is null || ReportedExitCode(file) is not { } full) return process.ExitCode;
        instance.Properties.Add(new PSNoteProperty(ReportedExitCodeProperty, full));
        return full;
    }

    /// <summary>The full exit code a finished lab double reported, if any; the file is consumed.</summary>
    private static int? ReportedExitCode(string file)
    {
        if (!File.Exists(file)) return null;
        var text = File.ReadAllText(file);
        File.Delete(file);
        return int.TryParse(text, out var code) ? code : null;
    }

    private Task CopyTo(StreamReader source, string path)
    {
        var target = FileSystemPaths.ForWriting(this, path);
        return Task.Run(async () =>
        {
            await using var file = File.Create(target);
            await source.BaseStream.CopyToAsync(file);
        });
    }

    private string ResolveProgram()
    {
        var command = InvokeCommand.GetCommand(FilePath, CommandTypes.Alias | CommandTypes.Application);
        if (command is AliasInfo alias) command = alias.ResolvedCommand;
        if (command is ApplicationInfo program) return program.Path;
        if (FilePath.IndexOfAny(['\\', '/']) >= 0 || FilePath.Contains(':'))
            return FileSystemPaths.ForWriting(this, FilePath);
        return FilePath;
    }
}
