using System.Collections;

namespace Coordinator.Host.Configuration;

/// <summary>The <c>COORD_*</c> environment variables: the highest configuration layer.</summary>
public static class CoordinatorEnvironment
{
    public const string Prefix = "COORD_";

    /// <summary>Each variable the host reads, and the setting it overrides.</summary>
    public static readonly IReadOnlyDictionary<string, string> SettingByVariable = new Dictionary<string, string>
    {
        ["COORD_DATA_DIR"] = "coordinator.data-dir",
        ["COORD_REMOTE_HOSTNAME"] = "coordinator.remote.hostname",
        ["COORD_REMOTE_PORT"] = "coordinator.remote.port",
        ["COORD_STORE"] = "coordinator.persistence.provider",
        ["COORD_POSTGRES_CONNECTION_STRING"] = "coordinator.persistence.postgres.connection-string",
        ["COORD_LOG_LEVEL"] = "coordinator.logging.level",
        ["COORD_MAX_PARALLEL"] = "coordinator.bootstrap.max-parallel",
        ["COORD_STEP_TIMEOUT"] = "coordinator.bootstrap.step-timeout",
        ["COORD_STEP_ATTEMPTS"] = "coordinator.bootstrap.step-attempts",
        ["COORD_IIS_ATTEMPT_TIMEOUT"] = "coordinator.iis.attempt-timeout",
        ["COORD_IIS_ATTEMPTS"] = "coordinator.iis.attempts",
        ["COORD_OCTOPUS_TASK_POLL_INTERVAL"] = "coordinator.octopus.task-poll-interval",
        ["COORD_WINDOWS_SFTP_DRIVE_ROOTS"] = "coordinator.host-access.windows-sftp-drive-roots",
    };

    // COORD_ENDPOINT is the CLI's; COORD_CERTIFICATE_KEY is read where certificates are sealed;
    // COORD_TEST_* belong to the test suites.
    private const string CliEndpointVariable = "COORD_ENDPOINT";
    private const string CertificateKeyVariable = "COORD_CERTIFICATE_KEY";
    private const string TestPrefix = "COORD_TEST_";

    public static IReadOnlyDictionary<string, string> Current() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(entry => ((string)entry.Key).StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? "", StringComparer.Ordinal);

    /// <summary>
    /// <c>COORD_*</c> variables that nothing reads, most likely misspelt; a warning rather than an error
    /// because inventory secrets may be referenced through variables with the same prefix.
    /// </summary>
    public static IReadOnlyList<string> Unrecognized(IReadOnlyDictionary<string, string> environment) =>
        environment.Keys
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)
                && !SettingByVariable.ContainsKey(name)
                && name != CliEndpointVariable
                && name != CertificateKeyVariable
                && !name.StartsWith(TestPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The variable that overrides <paramref name="setting"/>, if any.</summary>
    public static string? VariableFor(string setting) =>
        SettingByVariable.FirstOrDefault(pair => pair.Value == setting).Key;
}
