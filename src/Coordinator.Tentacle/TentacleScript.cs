namespace Coordinator.Tentacle;

/// <summary>The interpreter a <see cref="TentacleScript"/> is written for.</summary>
public enum ScriptShell
{
    /// <summary>Run with <c>bash</c> (the script starts with <c>set -euo pipefail</c>).</summary>
    Bash,

    /// <summary>Run with <c>powershell -NoProfile -NonInteractive -EncodedCommand</c>.</summary>
    PowerShell,
}

/// <summary>One step's script, ready to run on a host.</summary>
/// <param name="Description">What the step does, for logs and progress ("Configure Tentacle instance 'Tentacle'").</param>
/// <param name="Shell">The interpreter that runs <paramref name="Text"/>.</param>
/// <param name="Text">The script. It holds paths, names, ports and thumbprints only — never a secret.</param>
public sealed record TentacleScript(string Description, ScriptShell Shell, string Text);
