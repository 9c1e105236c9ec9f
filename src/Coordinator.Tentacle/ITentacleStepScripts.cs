namespace Coordinator.Tentacle;

/// <summary>
/// The script for each bootstrap step on one host. Every script stops at the first failing command with that
/// command's exit code and writes a <see cref="StepFailureMarker"/> line to stderr; <see cref="StepFailureClassifier"/>
/// turns that into a transient or permanent failure.
/// </summary>
public interface ITentacleStepScripts
{
    /// <summary>The settings the scripts are generated from, validated and normalised.</summary>
    DesiredTentacle Desired { get; }

    /// <summary>
    /// Reports what the host has (parse with <see cref="ProbeReportParser"/>); changes nothing and succeeds whether or
    /// not Tentacle is installed.
    /// </summary>
    TentacleScript Probe();

    /// <summary>Installs the uploaded installer and checks that <c>Tentacle version</c> prints the expected version.</summary>
    /// <exception cref="InvalidOperationException">No installer is configured.</exception>
    TentacleScript Install();

    /// <summary><c>create-instance --instance --config</c>; re-running it on an existing instance succeeds.</summary>
    TentacleScript CreateInstance();

    /// <summary>
    /// Imports the unprotected PFX the coordinator uploaded to <paramref name="uploadedPfxPath"/> (no password on any
    /// command line), deletes that file whatever happens, then checks the instance presents <paramref name="expectedThumbprint"/>.
    /// </summary>
    TentacleScript ImportCertificate(string uploadedPfxPath, string expectedThumbprint);

    /// <summary>
    /// Resets trust, sets home, application directory, port, listening and listen address, then trusts the Octopus
    /// Server — the order the spec gives. With the <c>any</c> address <c>--listenIpAddress</c> is left out unless
    /// <paramref name="resetListenAddress"/> asks to replace a specific address the host has with <c>any</c>.
    /// </summary>
    TentacleScript Configure(bool resetListenAddress = false);

    /// <summary><c>service --install --start</c>, then waits until the listen port accepts connections.</summary>
    TentacleScript StartService();

    /// <summary>
    /// <c>service --stop --start</c> so a running Tentacle picks up new configuration or binaries, then waits for the
    /// listener. Not <c>--restart</c>: on Windows that does nothing to a stopped service while on Linux it starts it;
    /// stop-then-start behaves the same on both.
    /// </summary>
    TentacleScript RestartService();
}
