using System.Management.Automation.Runspaces;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

/// <summary>
/// The cmdlets scripts expect from Microsoft.PowerShell.Utility and .Management, which are not published
/// as packages: the lab's own versions of the commonly used subset, plus powershell.exe's Windows aliases.
/// </summary>
internal static class LabCmdlets
{
    private static readonly (string Name, Type Implementation)[] Cmdlets =
    [
        ("Write-Output", typeof(WriteOutputCommand)),
        ("Write-Host", typeof(WriteHostCommand)),
        ("Write-Error", typeof(WriteErrorCommand)),
        ("Write-Warning", typeof(WriteWarningCommand)),
        ("Write-Verbose", typeof(WriteVerboseCommand)),
        ("Write-Debug", typeof(WriteDebugCommand)),
        ("Write-Information", typeof(WriteInformationCommand)),
        ("Write-Progress", typeof(WriteProgressCommand)),
        ("Out-String", typeof(OutStringCommand)),
        ("Out-File", typeof(OutFileCommand)),
        ("Set-Location", typeof(SetLocationCommand)),
        ("Get-Location", typeof(GetLocationCommand)),
        ("Push-Location", typeof(PushLocationCommand)),
        ("Pop-Location", typeof(PopLocationCommand)),
        ("Test-Path", typeof(TestPathCommand)),
        ("New-Item", typeof(NewItemCommand)),
        ("Remove-Item", typeof(RemoveItemCommand)),
        ("Get-Item", typeof(GetItemCommand)),
        ("Get-ChildItem", typeof(GetChildItemCommand)),
        ("Copy-Item", typeof(CopyItemCommand)),
        ("Move-Item", typeof(MoveItemCommand)),
        ("Join-Path", typeof(JoinPathCommand)),
        ("Split-Path", typeof(SplitPathCommand)),
        ("Resolve-Path", typeof(ResolvePathCommand)),
        ("Convert-Path", typeof(ConvertPathCommand)),
        ("Get-Content", typeof(GetContentCommand)),
        ("Set-Content", typeof(SetContentCommand)),
        ("Add-Content", typeof(AddContentCommand)),
        ("Get-FileHash", typeof(GetFileHashCommand)),
        ("New-Object", typeof(NewObjectCommand)),
        ("Select-Object", typeof(SelectObjectCommand)),
        ("Sort-Object", typeof(SortObjectCommand)),
        ("Measure-Object", typeof(MeasureObjectCommand)),
        ("ConvertTo-Json", typeof(ConvertToJsonCommand)),
        ("ConvertFrom-Json", typeof(ConvertFromJsonCommand)),
        ("New-TimeSpan", typeof(NewTimeSpanCommand)),
        ("Get-Date", typeof(GetDateCommand)),
        ("Start-Sleep", typeof(StartSleepCommand)),
        ("Invoke-Expression", typeof(InvokeExpressionCommand)),
        ("Start-Process", typeof(StartProcessCommand)),
    ];

    // Aliases powershell.exe has on Windows that PowerShell leaves out on Linux to keep native tools visible.
    private static readonly (string Name, string Target)[] WindowsAliases =
    [
        ("ls", "Get-ChildItem"), ("dir", "Get-ChildItem"), ("gci", "Get-ChildItem"),
        ("cat", "Get-Content"), ("type", "Get-Content"), ("gc", "Get-Content"),
        ("cp", "Copy-Item"), ("copy", "Copy-Item"), ("mv", "Move-Item"), ("move", "Move-Item"),
        ("rm", "Remove-Item"), ("del", "Remove-Item"), ("rmdir", "Remove-Item"), ("ri", "Remove-Item"),
        ("echo", "Write-Output"), ("write", "Write-Output"), ("sleep", "Start-Sleep"),
        ("cd", "Set-Location"), ("chdir", "Set-Location"), ("pwd", "Get-Location"),
        ("iex", "Invoke-Expression"), ("select", "Select-Object"), ("sort", "Sort-Object"),
        ("measure", "Measure-Object"), ("start", "Start-Process"), ("saps", "Start-Process"),
        ("ni", "New-Item"), ("gi", "Get-Item"), ("sc", "Set-Content"), ("ac", "Add-Content"),
    ];

    private const string MakeDirectory = "New-Item -ItemType Directory @args";

    public static void AddTo(InitialSessionState sessionState)
    {
        foreach (var (name, implementation) in Cmdlets)
            sessionState.Commands.Add(new SessionStateCmdletEntry(name, implementation, null));
        foreach (var (name, target) in WindowsAliases)
        {
            var existing = sessionState.Commands[name];
            foreach (var entry in existing) sessionState.Commands.Remove(name, entry.GetType());
            sessionState.Commands.Add(new SessionStateAliasEntry(name, target));
        }
        sessionState.Commands.Add(new SessionStateFunctionEntry("mkdir", MakeDirectory));
        sessionState.Commands.Add(new SessionStateFunctionEntry("md", MakeDirectory));
    }
}
