namespace Coordinator.Tentacle.Tests.Support;

/// <summary>
/// A Linux host for the real Tentacle double: temp directories for /opt, /etc/octopus, the machine id and systemd
/// units, given to the double through its environment variables, and stand-ins for <c>sudo</c> and <c>systemctl</c>
/// first on PATH. This <c>systemctl</c> really starts a unit's ExecStart (detached, pid in a state folder) so the
/// service step ends with a listening Tentacle.
/// </summary>
public sealed class LinuxLab : IAsyncDisposable
{
    const string Sudo = """
        #!/bin/sh
        if [ "$1" = "-vn" ]; then exit 0; fi
        exec "$@"

        """;

    const string Systemctl = """
        #!/bin/bash
        units="${TENTACLE_DOUBLE_SYSTEMD_DIR:?}"
        state="${FAKE_SYSTEMD_STATE:?}"
        echo "systemctl $*" >> "$state/calls.log"
        verb=$1
        unit=${2:-}
        pidfile="$state/$unit.pid"
        running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
        start() {
          if running; then return 0; fi
          command=$(sed -n 's/^ExecStart=//p' "$units/$unit.service" 2>/dev/null)
          if [ -z "$command" ]; then echo "Unit $unit.service not found." >&2; return 5; fi
          setsid $command </dev/null >>"$state/$unit.log" 2>&1 &
          echo $! > "$pidfile"
        }
        stop() {
          if ! running; then return 0; fi
          pid=$(cat "$pidfile")
          kill "$pid"
          for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
          kill -9 "$pid" 2>/dev/null || true
          rm -f "$pidfile"
        }
        case "$verb" in
          enable|disable|daemon-reload) ;;
          start) start ;;
          stop) stop ;;
          restart) stop; start ;;
          is-active) if running; then echo active; else echo inactive; exit 3; fi ;;
          *) echo "systemctl stand-in: $verb is not supported" >&2; exit 1 ;;
        esac

        """;

    readonly TempDirectory root = new();

    public LinuxLab()
    {
        foreach (var directory in new[] { FakeBin, State, Systemd })
            Directory.CreateDirectory(directory);
        File.WriteAllText(root.Combine("machine-id"), Guid.NewGuid().ToString("N") + "\n");
        WriteExecutable(Path.Combine(FakeBin, "sudo"), Sudo);
        WriteExecutable(Path.Combine(FakeBin, "systemctl"), Systemctl);
        Environment = new Dictionary<string, string?>
        {
            ["PATH"] = $"{FakeBin}:{Repository.DotnetRoot}:/usr/local/bin:/usr/bin:/bin",
            ["DOTNET_ROOT"] = Repository.DotnetRoot,
            ["TentacleMachineConfigurationHomeDirectory"] = root.Combine("etc-octopus"),
            ["TENTACLE_DOUBLE_MACHINE_ID_FILE"] = root.Combine("machine-id"),
            ["TENTACLE_DOUBLE_SYSTEMD_DIR"] = Systemd,
            ["FAKE_SYSTEMD_STATE"] = State,
            ["LAB_FLAVOUR"] = null,
            ["LAB_DRIVE_C"] = null,
            ["TENTACLE_DOUBLE_EXECUTABLE"] = null,
            ["TENTACLE_DOUBLE_BASH"] = null,
        };
    }

    /// <summary>A path on this "host".</summary>
    public string On(params string[] parts) => root.Combine(parts);

    public string Systemd => root.Combine("systemd");
    public string State => root.Combine("systemd-state");
    string FakeBin => root.Combine("fake-bin");

    public IReadOnlyDictionary<string, string?> Environment { get; }

    public Task<RunResult> RunAsync(TentacleScript script) => Shells.BashAsync(script, Environment, root.Path);

    public async ValueTask DisposeAsync()
    {
        await RunningAgents.StopAsync(Directory.Exists(State) ? Directory.GetFiles(State, "*.pid") : []);
        root.Dispose();
    }

    static void WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
