using System.Globalization;

namespace MsiexecDouble;

/// <summary>The /l*v log: a few lines in Windows Installer's wording, written only when asked for.</summary>
internal sealed class MsiLog(string? hostPath)
{
    private readonly List<string> _lines = [];

    public void Started(IEnumerable<string> commandLine)
    {
        _lines.Add($"=== Verbose logging started: {Now("MM/dd/yyyy  HH:mm:ss")}  Build type: SHIP UNICODE 5.00.10011.00  Calling process: msiexec ===");
        Add("(c)", "Command line: " + string.Join(' ', commandLine));
    }

    public void Server(string message) => Add("(s)", message);

    public void Stopped(int exitCode)
    {
        Add("(c)", $"MainEngineThread is returning {exitCode}");
        _lines.Add($"=== Verbose logging stopped: {Now("MM/dd/yyyy  HH:mm:ss")} ===");
        if (hostPath is null) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(hostPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllLines(hostPath, _lines);
    }

    private void Add(string side, string message) => _lines.Add($"MSI {side} (lab) [{Now("HH:mm:ss:fff")}]: {message}");

    private static string Now(string format) => DateTime.Now.ToString(format, CultureInfo.InvariantCulture);
}
