using System.Management.Automation;
using Lab.Windows;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

/// <summary>
/// Joins path text with the separator its parent already uses, so Windows paths stay Windows paths
/// (the file system provider on Linux would use '/').
/// </summary>
[Cmdlet(VerbsCommon.Join, "Path")]
[OutputType(typeof(string))]
public sealed class JoinPathCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    public string[] Path { get; set; } = [];

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowNull, AllowEmptyString]
    public string? ChildPath { get; set; }

    [Parameter(Position = 2, ValueFromRemainingArguments = true)]
    public string[] AdditionalChildPath { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var parent in Path)
        {
            var separator = WindowsPathText.SeparatorOf(parent);
            var joined = new[] { ChildPath ?? "" }.Concat(AdditionalChildPath)
                .Aggregate(parent, (left, right) => WindowsPathText.Join(left, right, separator));
            WriteObject(joined);
        }
    }
}

[Cmdlet(VerbsCommon.Split, "Path", DefaultParameterSetName = "ParentSet")]
[OutputType(typeof(string))]
public sealed class SplitPathCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = "ParentSet")] public SwitchParameter Parent { get; set; }
    [Parameter(ParameterSetName = "LeafSet")] public SwitchParameter Leaf { get; set; }
    [Parameter(ParameterSetName = "LeafBaseSet")] public SwitchParameter LeafBase { get; set; }
    [Parameter(ParameterSetName = "ExtensionSet")] public SwitchParameter Extension { get; set; }
    [Parameter(ParameterSetName = "QualifierSet")] public SwitchParameter Qualifier { get; set; }
    [Parameter(ParameterSetName = "NoQualifierSet")] public SwitchParameter NoQualifier { get; set; }
    [Parameter(ParameterSetName = "IsAbsoluteSet")] public SwitchParameter IsAbsolute { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            object result = ParameterSetName switch
            {
                "LeafSet" => WindowsPathText.Leaf(path),
                "LeafBaseSet" => System.IO.Path.GetFileNameWithoutExtension(WindowsPathText.Leaf(path)),
                "ExtensionSet" => System.IO.Path.GetExtension(WindowsPathText.Leaf(path)),
                "QualifierSet" => WindowsPathText.Qualifier(path),
                "NoQualifierSet" => path[WindowsPathText.Qualifier(path).Length..],
                "IsAbsoluteSet" => WindowsPathText.Qualifier(path).Length > 0 || path.StartsWith('/') || path.StartsWith('\\'),
                _ => WindowsPathText.Parent(path),
            };
            WriteObject(result);
        }
    }
}

[Cmdlet(VerbsDiagnostic.Resolve, "Path")]
[OutputType(typeof(PathInfo))]
public sealed class ResolvePathCommand : ItemCmdletBase
{
    protected override void ProcessRecord() => ForEachPath(path =>
    {
        foreach (var resolved in SessionState.Path.GetResolvedPSPathFromPSPath(IsLiteral ? WildcardPattern.Escape(path) : path))
            WriteObject(resolved);
    });
}

/// <summary>
/// Gives the host path behind a PowerShell path: what .NET file APIs need, since they know nothing of drive C:.
/// </summary>
[Cmdlet(VerbsData.Convert, "Path")]
[OutputType(typeof(string))]
public sealed class ConvertPathCommand : ItemCmdletBase
{
    protected override void ProcessRecord() => ForEachPath(path =>
    {
        foreach (var resolved in SessionState.Path.GetResolvedProviderPathFromPSPath(IsLiteral ? WildcardPattern.Escape(path) : path, out _))
            WriteObject(resolved);
    });
}

/// <summary>Path text rules of Windows, applied without touching the disk.</summary>
internal static class WindowsPathText
{
    public static char SeparatorOf(string path) =>
        path.Contains('\\') || Qualifier(path).Length > 0 || path.Contains("::") ? '\\' : '/';

    public static string Join(string left, string right, char separator)
    {
        if (left.Length == 0) return right;
        if (right.Length == 0) return left;
        return left.TrimEnd('\\', '/') + separator + right.TrimStart('\\', '/');
    }

    public static string Qualifier(string path)
    {
        var colon = path.IndexOf(':');
        return colon > 0 && path.IndexOfAny(['\\', '/']) is var slash && (slash < 0 || slash > colon) ? path[..(colon + 1)] : "";
    }

    public static string Leaf(string path)
    {
        var trimmed = path.TrimEnd('\\', '/');
        var cut = trimmed.LastIndexOfAny(['\\', '/']);
        var leaf = cut < 0 ? trimmed : trimmed[(cut + 1)..];
        return leaf == Qualifier(path) ? "" : leaf;
    }

    public static string Parent(string path)
    {
        var trimmed = path.TrimEnd('\\', '/');
        var cut = trimmed.LastIndexOfAny(['\\', '/']);
        if (cut < 0) return "";
        var parent = trimmed[..cut];
        // The parent of C:\Octopus is C:\ and the parent of /etc is /.
        if (parent.Length == 0 || parent == Qualifier(path)) return trimmed[..(cut + 1)];
        return parent;
    }
}

/// <summary>Shows host paths under drive C: in their Windows form.</summary>
internal static class DisplayPaths
{
    public static string Windows(string hostPath) => LabDrive.ToWindowsPath(hostPath) ?? hostPath;
}
