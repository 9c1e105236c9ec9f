using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using Lab.Windows;
using Microsoft.PowerShell.Commands;

namespace PowerShellDouble;

/// <summary>
/// Runs one script in a fresh runspace and turns its outcome into powershell.exe's exit code.
/// </summary>
internal sealed class ScriptRunner(TextWriter output, TextWriter error)
{
    // Appended after -Command text to learn whether its last statement succeeded ($? of that statement).
    private const string LastStatusVariable = "__LabLastStatementSucceeded";

    public int Run(PowerShellArguments arguments, Func<string> readStandardInput)
    {
        WindowsEnvironment.ApplyToProcess();
        var ui = new LabHostUserInterface(output, error);
        var host = new LabHost(ui);
        var sessionState = InitialSessionState.CreateDefault2();
        LabCmdlets.AddTo(sessionState);
        WindowsEnvironment.AddSystemProgramAliases(sessionState);

        using var runspace = RunspaceFactory.CreateRunspace(host, sessionState);
        runspace.Open();
        PSStyle.Instance.OutputRendering = OutputRendering.PlainText;
        runspace.SessionStateProxy.SetVariable("ErrorView", "NormalView");
        WindowsEnvironment.ApplyToRunspace(runspace);

        try
        {
            return arguments.Source == ScriptSource.File
                ? RunFile(runspace, host, arguments)
                : RunCommand(runspace, host, arguments.ScriptText ?? readStandardInput());
        }
        catch (RuntimeException e)
        {
            ReportTerminatingError(runspace, ui, e.ErrorRecord);
            return host.RequestedExitCode ?? 1;
        }
    }

    private int RunCommand(Runspace runspace, LabHost host, string text)
    {
        Parser.ParseInput(text, out _, out var parseErrors);
        var script = parseErrors.Length > 0 ? text : text + "\n$global:" + LastStatusVariable + " = $?";

        using var shell = PowerShell.Create(runspace);
        shell.AddScript(script);
        InvokeWithDisplay(shell);

        if (host.RequestedExitCode is { } exitCode) return exitCode;
        var succeeded = runspace.SessionStateProxy.GetVariable(LastStatusVariable);
        return succeeded is false ? 1 : 0;
    }

    private static int RunFile(Runspace runspace, LabHost host, PowerShellArguments arguments)
    {
        var path = LabDrive.ToHostPath(arguments.ScriptPath!);
        if (!File.Exists(path))
            throw new RuntimeException($"The argument '{arguments.ScriptPath}' to the -File parameter does not exist. Provide the path to an existing '.ps1' file as an argument to the -File parameter.");

        var ast = Parser.ParseFile(Path.GetFullPath(path), out _, out var parseErrors);
        if (parseErrors.Length > 0) throw new ParseException(parseErrors);

        var (named, positional) = ScriptFileArguments.Bind(ast, arguments.ScriptArguments);
        using var shell = PowerShell.Create(runspace);
        // Invoking the file's script block (not the file) lets `exit` end the process, as with -File.
        shell.AddScript("param($script, $named, $positional) & $script @named @positional")
            .AddArgument(ast.GetScriptBlock())
            .AddArgument(named)
            .AddArgument(positional);
        InvokeWithDisplay(shell);
        return host.RequestedExitCode ?? 0;
    }

    private static void InvokeWithDisplay(PowerShell shell)
    {
        // As powershell.exe does: errors travel with the output and Out-Default renders both.
        shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        shell.AddCommand("Out-Default");
        shell.Invoke();
    }

    private void ReportTerminatingError(Runspace runspace, LabHostUserInterface ui, ErrorRecord record)
    {
        // Out-Default renders a record given as input in the error view, but to the output side: capture
        // that text and put it where powershell.exe puts a terminating error, on stderr.
        string text;
        using (var capture = ui.Capture())
        {
            using var shell = PowerShell.Create(runspace);
            shell.AddCommand("Out-Default");
            shell.Invoke(new[] { record });
            text = capture.Text;
        }
        error.Write(text);
    }
}

/// <summary>Turns the words after <c>-File script.ps1</c> into named and positional script arguments.</summary>
internal static class ScriptFileArguments
{
    public static (Hashtable Named, object[] Positional) Bind(ScriptBlockAst script, IReadOnlyList<string> words)
    {
        var switches = (script.ParamBlock?.Parameters ?? Enumerable.Empty<ParameterAst>())
            .Where(p => p.StaticType == typeof(SwitchParameter))
            .Select(p => p.Name.VariablePath.UserPath)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var named = new Hashtable(StringComparer.OrdinalIgnoreCase);
        var positional = new List<object>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length < 2 || word[0] != '-' || !char.IsLetter(word[1]))
            {
                positional.Add(word);
                continue;
            }
            var colon = word.IndexOf(':');
            if (colon > 0)
            {
                named[word[1..colon]] = word[(colon + 1)..];
            }
            else if (switches.Contains(word[1..]) || i + 1 >= words.Count)
            {
                named[word[1..]] = true;
            }
            else
            {
                named[word[1..]] = words[++i];
            }
        }
        return (named, positional.ToArray());
    }
}
