namespace Coordinator.Tentacle.Tests.Support;

/// <summary>
/// A stand-in Tentacle program that records each invocation's argv (NUL-separated, one call per line), prints a
/// version and a thumbprint, and can refuse one command. Used where a test proves what a script passes.
/// </summary>
public sealed class StubTentacle
{
    const string Script = """
        #!/bin/bash
        { printf 'call'; for a in "$@"; do printf '\0%s' "$a"; done; printf '\n'; } >> "$STUB_TENTACLE_LOG"
        if [ -n "${STUB_TENTACLE_READ_STDIN:-}" ]; then cat >/dev/null; fi
        if [ -n "${STUB_TENTACLE_FAIL_ON:-}" ] && [[ " $* " == *" $STUB_TENTACLE_FAIL_ON "* ]]; then
          echo "stub: refusing $STUB_TENTACLE_FAIL_ON" >&2
          exit "${STUB_TENTACLE_FAIL_EXIT:-1}"
        fi
        case "$1" in
          version) printf '%s' "${STUB_TENTACLE_VERSION:-8.3.2971}" ;;
          show-thumbprint) printf '%s' "${STUB_TENTACLE_THUMBPRINT:-}" ;;
          list-instances) printf '[]' ;;
          show-configuration) printf '{}' ;;
        esac

        """;

    public StubTentacle(string path, string log)
    {
        Path = path;
        Log = log;
        Install(path);
    }

    public string Path { get; }
    public string Log { get; }

    /// <summary>Every invocation's arguments, in order.</summary>
    public IReadOnlyList<string[]> Calls => File.Exists(Log)
        ? File.ReadAllText(Log).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\0')[1..]).ToList()
        : [];

    /// <summary>Writes the stub program to <paramref name="path"/> (mode 755).</summary>
    public static void Install(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                   UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public Dictionary<string, string?> Environment(string? thumbprint = null, string? failOn = null, int failExit = 1, string version = "8.3.2971") => new()
    {
        ["STUB_TENTACLE_LOG"] = Log,
        ["STUB_TENTACLE_THUMBPRINT"] = thumbprint ?? string.Empty,
        ["STUB_TENTACLE_FAIL_ON"] = failOn ?? string.Empty,
        ["STUB_TENTACLE_FAIL_EXIT"] = failExit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["STUB_TENTACLE_VERSION"] = version,
    };
}
