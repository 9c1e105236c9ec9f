namespace Coordinator.Lab;

/// <summary>Quoting for the POSIX shell scripts the lab writes (boot scripts, launchers).</summary>
internal static class ShellQuoting
{
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
