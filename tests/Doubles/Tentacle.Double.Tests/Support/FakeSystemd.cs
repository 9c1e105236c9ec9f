namespace Tentacle.Double.Tests.Support;

/// <summary>
/// Recording stand-ins for <c>sudo</c> and <c>systemctl</c>, first on PATH, so service tests never touch the
/// real init system. Each call is appended to a log as one line.
/// </summary>
public sealed class FakeSystemd
{
    const string Sudo = """
        #!/bin/sh
        echo "sudo $*" >> "$FAKE_SYSTEMD_LOG"
        if [ "$1" = "-vn" ]; then exit "${FAKE_SUDO_VN_EXIT:-0}"; fi
        SUDO_USER=root exec "$@"

        """;

    const string Systemctl = """
        #!/bin/sh
        echo "systemctl $*" >> "$FAKE_SYSTEMD_LOG"
        if [ -n "$FAKE_SYSTEMCTL_NEEDS_SUDO" ] && [ -z "$SUDO_USER" ]; then
          echo "Failed to $1 unit: Access denied" >&2
          exit 1
        fi
        exit 0

        """;

    public FakeSystemd(string root, bool withSudo = true, bool withSystemctl = true)
    {
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(root, $"fake-bin-{Guid.NewGuid():N}")).FullName;
        Log = Path.Combine(Directory, "calls.log");
        if (withSudo)
            WriteExecutable("sudo", Sudo);
        if (withSystemctl)
            WriteExecutable("systemctl", Systemctl);
    }

    public string Directory { get; }
    public string Log { get; }

    public string[] Calls => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    /// <summary>The environment that puts only these fakes on PATH.</summary>
    public Dictionary<string, string?> Environment(params (string Name, string? Value)[] extra)
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = Directory, ["FAKE_SYSTEMD_LOG"] = Log };
        foreach (var (name, value) in extra)
            environment[name] = value;
        return environment;
    }

    void WriteExecutable(string name, string script)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
