namespace Coordinator.Lab;

/// <summary>
/// What a Windows-flavoured host starts with unless <see cref="LabOptions.WindowsImage"/> says otherwise:
/// the lab's doubles of powershell.exe, msiexec.exe and appcmd.exe (built from tests/Doubles, run from
/// the lab's read-only tools mount) and the applicationHost.config of a freshly installed IIS.
/// </summary>
public static class WindowsDoubles
{
    public const string AppcmdExe = @"C:\Windows\System32\inetsrv\appcmd.exe";

    public const string ApplicationHostConfig = @"C:\Windows\System32\inetsrv\config\applicationHost.config";

    private const string ApplicationHostConfigResource = "WindowsImage.applicationHost.config";

    /// <summary>The doubles by project and program: each program is a tool and a command in /usr/local/sbin of the same name.</summary>
    private static readonly (string Project, string Program)[] Programs =
    [
        ("PowerShell.Double", "powershell"),
        ("Msiexec.Double", "msiexec"),
        ("Appcmd.Double", "appcmd"),
    ];

    /// <summary>
    /// The image files: <c>powershell</c>, <c>msiexec</c> and <c>appcmd</c> in /usr/local/sbin,
    /// <c>C:\Windows\System32\inetsrv\appcmd.exe</c>, and <c>applicationHost.config</c>. Throws when the
    /// doubles are not built (building the lab builds them).
    /// </summary>
    public static IReadOnlyList<LabHostFile> Image()
    {
        var files = new List<LabHostFile>();
        foreach (var (project, program) in Programs)
        {
            var tool = new LabTool(program, DoubleBuilds.OutputDirectory(project, program));
            files.Add(LabHostFile.Launcher(LabPaths.StandIn(program), tool, program));
            if (program == "appcmd")
            {
                files.Add(LabHostFile.Launcher(LabPaths.OnDriveC(AppcmdExe), tool, program));
            }
        }

        files.Add(LabHostFile.FromText(LabPaths.OnDriveC(ApplicationHostConfig), FreshApplicationHostConfig()));
        return files;
    }

    /// <summary>
    /// <paramref name="overrides"/> in place of the image's files at the same paths, the rest of the image
    /// kept: how <c>lab up --windows-tool</c> swaps one double for something else.
    /// </summary>
    public static IReadOnlyList<LabHostFile> ImageWith(IReadOnlyList<LabHostFile> overrides)
    {
        var replaced = overrides.Select(file => file.PathOnHost).ToHashSet(StringComparer.Ordinal);
        return [.. Image().Where(file => !replaced.Contains(file.PathOnHost)), .. overrides];
    }

    private static string FreshApplicationHostConfig()
    {
        using var resource = typeof(WindowsDoubles).Assembly.GetManifestResourceStream(ApplicationHostConfigResource)
            ?? throw new InvalidOperationException($"{ApplicationHostConfigResource} is missing from {typeof(WindowsDoubles).Assembly.GetName().Name}.");
        using var reader = new StreamReader(resource);
        return reader.ReadToEnd();
    }
}
