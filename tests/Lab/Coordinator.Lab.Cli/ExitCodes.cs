namespace Coordinator.Lab.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
}
