namespace Coordinator.Cli;

/// <summary>
/// A failure the operator can act on: one line for stderr and the exit code that goes with it.
/// Commands throw it; <see cref="Commands.AdminCommand"/> turns it into output, so no command prints errors itself.
/// </summary>
public sealed class CliFailure(ExitCode exitCode, string message) : Exception(message)
{
    public ExitCode ExitCode { get; } = exitCode;
}
