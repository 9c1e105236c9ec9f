using System.Management.Automation;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

public enum TestPathType
{
    Any,
    Container,
    Leaf,
}

/// <summary>The -Path / -LiteralPath pair every item cmdlet takes.</summary>
public abstract class ItemCmdletBase : PSCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    [Parameter(Position = 0, ParameterSetName = PathSet, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    public string[] LiteralPath { get; set; } = [];

    protected bool IsLiteral => ParameterSetName == LiteralPathSet;
    protected string[] Paths => IsLiteral ? LiteralPath : Path;

    /// <summary>Runs the action per path; a failing path is reported and the others still run, as in PowerShell.</summary>
    protected void ForEachPath(Action<string> action)
    {
        foreach (var path in Paths)
        {
            try
            {
                action(path);
            }
            catch (RuntimeException e)
            {
                WriteError(e.ErrorRecord);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(e, e.GetType().Name, ErrorCategory.WriteError, path));
            }
        }
    }
}

[Cmdlet(VerbsDiagnostic.Test, "Path", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
public sealed class TestPathCommand : ItemCmdletBase
{
    [Parameter] public TestPathType PathType { get; set; } = TestPathType.Any;

    protected override void ProcessRecord()
    {
        foreach (var path in Paths) WriteObject(Test(path));
    }

    private bool Test(string path)
    {
        try
        {
            if (!InvokeProvider.Item.Exists(path, false, IsLiteral)) return false;
            return PathType switch
            {
                TestPathType.Container => InvokeProvider.Item.IsContainer(path),
                TestPathType.Leaf => !InvokeProvider.Item.IsContainer(path),
                _ => true,
            };
        }
        catch (RuntimeException)
        {
            return false;
        }
    }
}

[Cmdlet(VerbsCommon.New, "Item", DefaultParameterSetName = PathSet)]
public sealed class NewItemCommand : PSCmdlet
{
    private const string PathSet = "Path";

    [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    public string[]? Path { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Type")]
    public string? ItemType { get; set; }

    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Target")]
    public object? Value { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var paths = Path ?? [SessionState.Path.CurrentLocation.Path];
        if (Path is null && Name is null)
        {
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException("New-Item needs -Path or -Name."), "NewItemNoPath", ErrorCategory.InvalidArgument, null));
        }
        foreach (var path in paths)
        {
            try
            {
                // The file system provider wants an item type; PowerShell creates a file when none is given.
                foreach (var item in InvokeProvider.Item.New([path], Name, ItemType ?? "File", PowerShellValues.Unwrap(Value), Force))
                    WriteObject(item);
            }
            catch (RuntimeException e)
            {
                WriteError(e.ErrorRecord);
            }
        }
    }
}

[Cmdlet(VerbsCommon.Remove, "Item", DefaultParameterSetName = PathSet)]
public sealed class RemoveItemCommand : ItemCmdletBase
{
    [Parameter] public SwitchParameter Recurse { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord() => ForEachPath(path =>
    {
        if (!Recurse && InvokeProvider.Item.Exists(path, Force, IsLiteral) && InvokeProvider.Item.IsContainer(path)
            && InvokeProvider.ChildItem.HasChild(path))
        {
            // PowerShell would ask for confirmation, which a non-interactive session cannot give.
            throw new PSInvalidOperationException(
                $"The item at {path} has children and the Recurse parameter was not specified. PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.");
        }
        InvokeProvider.Item.Remove([path], Recurse, Force, IsLiteral);
    });
}

[Cmdlet(VerbsCommon.Get, "Item", DefaultParameterSetName = PathSet)]
public sealed class GetItemCommand : ItemCmdletBase
{
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord() => ForEachPath(path =>
    {
        foreach (var item in InvokeProvider.Item.Get([path], Force, IsLiteral)) WriteObject(item);
    });
}

[Cmdlet(VerbsCommon.Get, "ChildItem", DefaultParameterSetName = "Items")]
public sealed class GetChildItemCommand : PSCmdlet
{
    [Parameter(Position = 0, ParameterSetName = "Items", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string[]? Path { get; set; }

    [Parameter(ParameterSetName = "LiteralItems", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    public string[]? LiteralPath { get; set; }

    [Parameter(Position = 1)] public string? Filter { get; set; }
    [Parameter] public SwitchParameter Recurse { get; set; }
    [Parameter] public SwitchParameter File { get; set; }
    [Parameter] public SwitchParameter Directory { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }
    [Parameter] public SwitchParameter Name { get; set; }

    protected override void ProcessRecord()
    {
        var literal = LiteralPath is not null;
        var pattern = Filter is null ? null : new WildcardPattern(Filter, WildcardOptions.IgnoreCase);
        foreach (var path in LiteralPath ?? Path ?? ["."])
        {
            try
            {
                foreach (var item in InvokeProvider.ChildItem.Get([path], Recurse, Force, literal))
                {
                    var info = item.BaseObject as FileSystemInfo;
                    if (File && info is not FileInfo) continue;
                    if (Directory && info is not DirectoryInfo) continue;
                    if (pattern is not null && (info is null || !pattern.IsMatch(info.Name))) continue;
                    WriteObject(Name && info is not null ? info.Name : item);
                }
            }
            catch (RuntimeException e)
            {
                WriteError(e.ErrorRecord);
            }
        }
    }
}

[Cmdlet(VerbsCommon.Copy, "Item", DefaultParameterSetName = PathSet)]
public sealed class CopyItemCommand : ItemCmdletBase
{
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? Destination { get; set; }

    [Parameter] public SwitchParameter Recurse { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => ForEachPath(path =>
    {
        var copied = InvokeProvider.Item.Copy([path], Destination ?? ".", Recurse, CopyContainers.CopyTargetContainer, Force, IsLiteral);
        if (PassThru) WriteObject(copied, enumerateCollection: true);
    });
}

[Cmdlet(VerbsCommon.Move, "Item", DefaultParameterSetName = PathSet)]
public sealed class MoveItemCommand : ItemCmdletBase
{
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? Destination { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => ForEachPath(path =>
    {
        var moved = InvokeProvider.Item.Move([path], Destination ?? ".", Force, IsLiteral);
        if (PassThru) WriteObject(moved, enumerateCollection: true);
    });
}
