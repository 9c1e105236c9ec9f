using System.Collections;
using System.Management.Automation;
using PowerShellDouble;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

[Cmdlet(VerbsCommunications.Write, "Output")]
public sealed class WriteOutputCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromRemainingArguments = true)]
    [AllowNull, AllowEmptyCollection]
    public PSObject? InputObject { get; set; }

    [Parameter] public SwitchParameter NoEnumerate { get; set; }

    protected override void ProcessRecord() => WriteObject(InputObject, enumerateCollection: !NoEnumerate);
}

[Cmdlet(VerbsCommunications.Write, "Host")]
public sealed class WriteHostCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromRemainingArguments = true)]
    public object? Object { get; set; }

    [Parameter] public SwitchParameter NoNewline { get; set; }
    [Parameter] public object Separator { get; set; } = " ";
    [Parameter] public ConsoleColor ForegroundColor { get; set; }
    [Parameter] public ConsoleColor BackgroundColor { get; set; }

    protected override void ProcessRecord()
    {
        var message = new HostInformationMessage { Message = Render(Object), NoNewLine = NoNewline.IsPresent };
        WriteInformation(message, ["PSHOST"]);
    }

    private string Render(object? value) => PowerShellValues.Unwrap(value) switch
    {
        null => "",
        string text => text,
        IEnumerable items => string.Join(Separator.ToString(), items.Cast<object?>().Select(Render)),
        var other => other.ToString() ?? "",
    };
}

[Cmdlet(VerbsCommunications.Write, "Error", DefaultParameterSetName = "Message")]
public sealed class WriteErrorCommand : PSCmdlet
{
    [Parameter(Position = 0, ParameterSetName = "Message", Mandatory = true, ValueFromPipeline = true)]
    [AllowNull, AllowEmptyString, Alias("Msg")]
    public string? Message { get; set; }

    [Parameter(ParameterSetName = "Exception", Mandatory = true)]
    public Exception? Exception { get; set; }

    [Parameter(ParameterSetName = "ErrorRecord", Mandatory = true)]
    public ErrorRecord? ErrorRecord { get; set; }

    [Parameter] public ErrorCategory Category { get; set; } = ErrorCategory.NotSpecified;
    [Parameter] public string? ErrorId { get; set; }
    [Parameter] public object? TargetObject { get; set; }

    protected override void ProcessRecord()
    {
        var record = ErrorRecord ?? new ErrorRecord(
            Exception ?? new WriteErrorException(Message ?? ""),
            ErrorId ?? typeof(WriteErrorException).FullName,
            Category,
            TargetObject);
        WriteError(record);
    }
}

/// <summary>What Write-Error raises when given only a message, as in PowerShell.</summary>
public sealed class WriteErrorException(string message) : SystemException(message);

[Cmdlet(VerbsCommunications.Write, "Warning")]
public sealed class WriteWarningCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
    [AllowEmptyString, Alias("Msg")]
    public string Message { get; set; } = "";

    protected override void ProcessRecord() => WriteWarning(Message);
}

[Cmdlet(VerbsCommunications.Write, "Verbose")]
public sealed class WriteVerboseCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
    [AllowEmptyString, Alias("Msg")]
    public string Message { get; set; } = "";

    protected override void ProcessRecord() => WriteVerbose(Message);
}

[Cmdlet(VerbsCommunications.Write, "Debug")]
public sealed class WriteDebugCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
    [AllowEmptyString, Alias("Msg")]
    public string Message { get; set; } = "";

    protected override void ProcessRecord() => WriteDebug(Message);
}

[Cmdlet(VerbsCommunications.Write, "Information")]
public sealed class WriteInformationCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true)]
    [Alias("Msg", "Message")]
    public object? MessageData { get; set; }

    [Parameter(Position = 1)] public string[] Tags { get; set; } = [];

    protected override void ProcessRecord() => WriteInformation(MessageData, Tags);
}

[Cmdlet(VerbsCommunications.Write, "Progress")]
public sealed class WriteProgressCommand : PSCmdlet
{
    [Parameter(Position = 0)] public string Activity { get; set; } = "";
    [Parameter(Position = 1)] public string? Status { get; set; }
    [Parameter] public int PercentComplete { get; set; } = -1;
    [Parameter] public SwitchParameter Completed { get; set; }

    // Nothing displays progress on a redirected console; accepting the call keeps scripts running.
    protected override void ProcessRecord() { }
}

[Cmdlet(VerbsData.Out, "String")]
[OutputType(typeof(string))]
public sealed class OutStringCommand : PSCmdlet
{
    private readonly List<PSObject> _items = [];

    [Parameter(ValueFromPipeline = true)] public PSObject? InputObject { get; set; }
    [Parameter] public SwitchParameter Stream { get; set; }
    [Parameter] public int Width { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null) _items.Add(InputObject);
    }

    protected override void EndProcessing()
    {
        var text = FormattedText.Render(this, _items);
        if (!Stream)
        {
            WriteObject(text);
            return;
        }
        foreach (var line in text.TrimEnd('\n').Split('\n')) WriteObject(line.TrimEnd('\r'));
    }
}

[Cmdlet(VerbsData.Out, "File")]
public sealed class OutFileCommand : PSCmdlet
{
    private readonly List<PSObject> _items = [];

    [Parameter(Position = 0, Mandatory = true)]
    [Alias("Path")]
    public string FilePath { get; set; } = "";

    [Parameter(Position = 1)] public string? Encoding { get; set; }
    [Parameter] public SwitchParameter Append { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }
    [Parameter] public SwitchParameter NoNewline { get; set; }
    [Parameter(ValueFromPipeline = true)] public PSObject? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null) _items.Add(InputObject);
    }

    protected override void EndProcessing()
    {
        var text = FormattedText.Render(this, _items);
        if (NoNewline) text = text.TrimEnd('\r', '\n');
        var path = FileSystemPaths.ForWriting(this, FilePath);
        var encoding = TextEncodings.Parse(Encoding);
        if (Append) File.AppendAllText(path, text, encoding.Text);
        else File.WriteAllText(path, text, encoding.Text);
    }
}

/// <summary>Renders objects as Out-Default would show them, by borrowing the host display.</summary>
internal static class FormattedText
{
    public static string Render(PSCmdlet cmdlet, IList<PSObject> items)
    {
        if (items.Count == 0) return "";
        var display = cmdlet.Host.PrivateData?.BaseObject as LabHostUserInterface
                      ?? throw new PSInvalidOperationException("The lab host's display is not available.");
        using var capture = display.Capture();
        cmdlet.InvokeCommand.InvokeScript(false, ScriptBlock.Create("$input | Out-Default"), items.ToArray());
        return capture.Text;
    }
}
