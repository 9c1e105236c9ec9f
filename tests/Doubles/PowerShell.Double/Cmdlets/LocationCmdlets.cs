using System.Management.Automation;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

[Cmdlet(VerbsCommon.Set, "Location")]
public sealed class SetLocationCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("LiteralPath", "PSPath")]
    public string? Path { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var location = SessionState.Path.SetLocation(Path ?? "~");
            if (PassThru) WriteObject(location);
        }
        catch (RuntimeException e)
        {
            WriteError(e.ErrorRecord);
        }
    }
}

[Cmdlet(VerbsCommon.Get, "Location")]
[OutputType(typeof(PathInfo))]
public sealed class GetLocationCommand : PSCmdlet
{
    protected override void ProcessRecord() => WriteObject(SessionState.Path.CurrentLocation);
}

[Cmdlet(VerbsCommon.Push, "Location")]
public sealed class PushLocationCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [Alias("LiteralPath")]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        SessionState.Path.PushCurrentLocation("");
        if (Path is null) return;
        try
        {
            SessionState.Path.SetLocation(Path);
        }
        catch (RuntimeException e)
        {
            SessionState.Path.PopLocation("");
            WriteError(e.ErrorRecord);
        }
    }
}

[Cmdlet(VerbsCommon.Pop, "Location")]
public sealed class PopLocationCommand : PSCmdlet
{
    protected override void ProcessRecord() => SessionState.Path.PopLocation("");
}
