using System.Globalization;
using System.Text;

namespace Coordinator.Tentacle;

/// <summary>
/// The bash scripts for a Linux host. Each starts with <c>set -euo pipefail</c>, runs every command through
/// <c>run</c>/<c>capture</c> (stdin from /dev/null so nothing eats a script fed on stdin), and on the first
/// failure writes the marker line and exits with that command's code.
/// </summary>
internal sealed class BashStepScripts(DesiredTentacle desired, TimeSpan listenerWait) : ITentacleStepScripts
{
    const string Preamble = """
        set -euo pipefail
        trap 'exit 129' HUP
        trap 'exit 130' INT
        trap 'exit 143' TERM
        fail() {
          printf 'tentacle-step-failed source=%s exit=%s command=%s\n' "$1" "$2" "$3" >&2
          exit "$2"
        }
        run() {
          local source=$1 label=$2 rc=0
          shift 2
          "$@" </dev/null || rc=$?
          if [ "$rc" -ne 0 ]; then fail "$source" "$rc" "$label"; fi
        }
        capture() {
          local source=$1 label=$2 rc=0
          shift 2
          captured=$("$@" </dev/null) || rc=$?
          if [ "$rc" -ne 0 ]; then fail "$source" "$rc" "$label"; fi
        }
        listening() {
          timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' listener "$1" "$2" </dev/null 2>/dev/null
        }

        """;

    public DesiredTentacle Desired => desired;

    string Tentacle => Q(desired.Executable);
    string Instance => Q(desired.Instance);

    public TentacleScript Probe()
    {
        var unit = TentacleHostNames.SystemdUnit(desired.Instance);
        var body = $$"""
            scratch=$(mktemp -d) || fail system $? 'mktemp -d'
            trap 'rm -rf -- "$scratch"' EXIT
            field() { printf '%s=%s\n' "$1" "$2"; }
            probe() {
              local name=$1 rc=0
              shift
              "$tentacle" "$@" </dev/null >"$scratch/out" 2>"$scratch/err" || rc=$?
              field "$name.exit" "$rc"
              field "$name.out" "$(base64 <"$scratch/out" | tr -d '\n')"
              field "$name.err" "$(base64 <"$scratch/err" | tr -d '\n')"
            }
            field {{ProbeReportParser.StartField}} 1
            if [ -f "$tentacle" ] && [ -x "$tentacle" ]; then
              field executable present
              probe version version
              probe instances list-instances --format=json
              probe thumbprint show-thumbprint --instance "$instance"
              probe configuration show-configuration --instance "$instance"
            else
              field executable absent
            fi
            state=unknown
            if command -v systemctl >/dev/null 2>&1; then
              case "$(systemctl is-active {{Q(unit)}} </dev/null 2>/dev/null || true)" in
                active|reloading) state=running ;;
                inactive|failed|activating|deactivating) state=stopped ;;
              esac
            fi
            field service "$state"
            if listening {{ListenerArguments}}; then field listening yes; else field listening no; fi
            field {{ProbeReportParser.EndField}} 1
            """;
        return Script($"Probe Tentacle instance '{desired.Instance}'", body);
    }

    public TentacleScript Install()
    {
        var installer = desired.Installer ?? throw new InvalidOperationException(
            $"No installer is configured for Tentacle at {desired.Executable}, so it cannot be installed.");
        var parent = DesiredTentacleValidator.TarballParent(desired.InstallDirectory);
        var body = new StringBuilder($$"""
            installer={{Q(installer.RemotePath)}}
            if [ ! -f "$installer" ]; then
              echo "The installer $installer is not on this host." >&2
              fail check {{StepFailureMarker.CheckFailedExitCode}} 'installer present'
            fi
            run system 'mkdir -p' mkdir -p -- {{Q(parent)}}
            run system 'tar xzf' tar xzf "$installer" -C {{Q(parent)}}
            capture tentacle 'Tentacle version' "$tentacle" version

            """);
        if (desired.ExpectedVersion is { } expected)
        {
            var comparable = TentacleStepScripts.WithoutBuildMetadata(expected);
            body.Append($$"""
                if [ "${captured%%+*}" != {{Q(comparable)}} ]; then
                  echo "Tentacle reports version '$captured' after installing $installer; expected {{comparable}}." >&2
                  fail check {{StepFailureMarker.CheckFailedExitCode}} 'installed version'
                fi

                """);
        }

        body.Append("echo \"Tentacle $captured is installed at $tentacle.\"");
        return Script($"Install Tentacle from {installer.RemotePath} into {desired.InstallDirectory}", body.ToString());
    }

    public TentacleScript CreateInstance() => Script(
        $"Create Tentacle instance '{desired.Instance}'",
        $"""run tentacle 'Tentacle create-instance' "$tentacle" create-instance --instance "$instance" --config {Q(desired.ConfigurationFile)}""");

    public TentacleScript ImportCertificate(string uploadedPfxPath, string expectedThumbprint)
    {
        var thumbprint = TentacleStepScripts.ValidatedThumbprint(TentaclePlatform.Linux, uploadedPfxPath, expectedThumbprint);
        var body = $$"""
            pfx={{Q(uploadedPfxPath)}}
            trap 'rm -f -- "$pfx"' EXIT
            if [ ! -f "$pfx" ]; then
              echo "The uploaded certificate $pfx is not on this host." >&2
              fail check {{StepFailureMarker.CheckFailedExitCode}} 'uploaded certificate present'
            fi
            run tentacle 'Tentacle import-certificate' "$tentacle" import-certificate --instance "$instance" --from-file "$pfx"
            capture tentacle 'Tentacle show-thumbprint' "$tentacle" show-thumbprint --instance "$instance"
            if [ "$captured" != {{Q(thumbprint)}} ]; then
              echo "After the import the instance presents '$captured', not {{thumbprint}}." >&2
              fail check {{StepFailureMarker.CheckFailedExitCode}} 'thumbprint after import'
            fi
            echo 'The instance presents certificate {{thumbprint}}.'
            """;
        return Script($"Import the retained certificate {thumbprint} into Tentacle instance '{desired.Instance}'", body);
    }

    public TentacleScript Configure(bool resetListenAddress = false)
    {
        var listen = TentacleArguments.ListenAddress(desired, resetListenAddress);
        var settings = new StringBuilder()
            .Append(" --home ").Append(Q(desired.HomeDirectory))
            .Append(" --app ").Append(Q(desired.ApplicationDirectory))
            .Append(" --port ").Append(Q(Port))
            .Append(" --noListen 'False'");
        if (listen is not null)
            settings.Append(" --listenIpAddress ").Append(Q(listen));
        var body = $$"""
            run tentacle 'Tentacle configure --reset-trust' "$tentacle" configure --instance "$instance" --reset-trust
            run tentacle 'Tentacle configure --home --app --port --noListen' "$tentacle" configure --instance "$instance"{{settings}}
            run tentacle 'Tentacle configure --trust' "$tentacle" configure --instance "$instance" --trust {{Q(desired.ServerThumbprint)}}
            """;
        return Script($"Configure Tentacle instance '{desired.Instance}'", body);
    }

    public TentacleScript StartService() =>
        Script($"Install and start the Tentacle service for instance '{desired.Instance}'", ServiceBody("--install --start"));

    public TentacleScript RestartService() =>
        Script($"Restart the Tentacle service for instance '{desired.Instance}'", ServiceBody("--stop --start"));

    string ServiceBody(string flags)
    {
        var address = TentacleHostNames.ListenerCheckAddress(desired);
        var seconds = (int)Math.Ceiling(listenerWait.TotalSeconds);
        var unit = TentacleHostNames.SystemdUnit(desired.Instance);
        return $$"""
            run tentacle 'Tentacle service {{flags}}' "$tentacle" service --instance "$instance" {{flags}}
            deadline=$((SECONDS + {{seconds}}))
            until listening {{ListenerArguments}}; do
              if [ "$SECONDS" -ge "$deadline" ]; then
                printf 'Nothing listens on %s port %s %s s after the service started; see: journalctl -u %s\n' {{ListenerArguments}} {{seconds}} {{Q(unit)}} >&2
                fail check {{StepFailureMarker.CheckFailedExitCode}} 'listener'
              fi
              sleep 1
            done
            echo 'Tentacle listens on {{address}} port {{Port}}.'
            """;
    }

    string Port => desired.ListenPort.ToString(CultureInfo.InvariantCulture);

    string ListenerArguments => $"{Q(TentacleHostNames.ListenerCheckAddress(desired).ToString())} {Q(Port)}";

    TentacleScript Script(string description, string body)
    {
        var text = new StringBuilder()
            .Append("# ").Append(description).Append('\n')
            .Append(Preamble)
            .Append("tentacle=").Append(Tentacle).Append('\n')
            .Append("instance=").Append(Instance).Append('\n')
            .Append(body.ReplaceLineEndings("\n")).Append('\n')
            .Append("exit 0\n")
            .ToString();
        return new TentacleScript(description, ScriptShell.Bash, text);
    }

    static string Q(string value) => ShellQuoting.Bash(value);
}
