using System.Management.Automation;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "TimeSpan", DefaultParameterSetName = "Time")]
[OutputType(typeof(TimeSpan))]
public sealed class NewTimeSpanCommand : PSCmdlet
{
    [Parameter(Position = 0, ParameterSetName = "Date")] public DateTime Start { get; set; } = DateTime.Now;
    [Parameter(Position = 1, ParameterSetName = "Date")] public DateTime End { get; set; } = DateTime.Now;
    [Parameter(ParameterSetName = "Time")] public int Days { get; set; }
    [Parameter(ParameterSetName = "Time")] public int Hours { get; set; }
    [Parameter(ParameterSetName = "Time")] public int Minutes { get; set; }
    [Parameter(ParameterSetName = "Time")] public int Seconds { get; set; }
    [Parameter(ParameterSetName = "Time")] public int Milliseconds { get; set; }

    protected override void ProcessRecord() => WriteObject(ParameterSetName == "Date"
        ? End - Start
        : new TimeSpan(Days, Hours, Minutes, Seconds, Milliseconds));
}

[Cmdlet(VerbsCommon.Get, "Date")]
public sealed class GetDateCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)] public DateTime? Date { get; set; }
    [Parameter] public string? Format { get; set; }
    [Parameter] public SwitchParameter AsUTC { get; set; }

    protected override void ProcessRecord()
    {
        var moment = Date ?? DateTime.Now;
        if (AsUTC) moment = moment.ToUniversalTime();
        WriteObject(Format is null ? moment : moment.ToString(Format));
    }
}

[Cmdlet(VerbsLifecycle.Start, "Sleep", DefaultParameterSetName = "Seconds")]
public sealed class StartSleepCommand : PSCmdlet
{
    private readonly ManualResetEventSlim _stopped = new();

    [Parameter(Position = 0, ParameterSetName = "Seconds", Mandatory = true)]
    public double Seconds { get; set; }

    [Parameter(ParameterSetName = "Milliseconds", Mandatory = true)]
    [Alias("ms")]
    public int Milliseconds { get; set; }

    protected override void ProcessRecord()
    {
        var duration = ParameterSetName == "Milliseconds" ? TimeSpan.FromMilliseconds(Milliseconds) : TimeSpan.FromSeconds(Seconds);
        _stopped.Wait(duration);
    }

    protected override void StopProcessing() => _stopped.Set();
}

[Cmdlet(VerbsLifecycle.Invoke, "Expression")]
public sealed class InvokeExpressionCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
    public string Command { get; set; } = "";

    protected override void ProcessRecord()
    {
        // useLocalScope: false runs the text in the caller's scope, as Invoke-Expression does.
        var output = InvokeCommand.InvokeScript(false, ScriptBlock.Create(Command), null);
        WriteObject(output, enumerateCollection: true);
    }
}
