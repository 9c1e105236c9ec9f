namespace Tentacle.Double.CommandLine;

/// <summary>A failure Tentacle reports as a plain message with exit code 1 (validation, unknown instance...).</summary>
internal sealed class ControlledFailureException(string message) : Exception(message);

/// <summary>Tentacle's process exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int ControlledFailure = 1;
    public const int UnknownCommand = 2;
    public const int GeneralException = 100;
}
