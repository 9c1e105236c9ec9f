namespace Coordinator.Tentacle;

/// <summary>What a Tentacle exit code means (tentacle-cli.md, "Invocation and parsing").</summary>
public enum TentacleExitMeaning
{
    /// <summary>0.</summary>
    Success,

    /// <summary>1: validation, an unrecognised argument, an unknown instance.</summary>
    ControlledFailure,

    /// <summary>2: the command is not supported by this Tentacle (stderr <c>Command 'x' is not supported</c>).</summary>
    UnknownCommand,

    /// <summary>100: any other exception (e.g. a wrong PFX password, an I/O error).</summary>
    Exception,

    /// <summary>Not a code Tentacle returns: the program did not run as Tentacle (127 not found, a signal...).</summary>
    NotTentacle,
}

/// <summary>Maps Tentacle's exit codes to their meaning.</summary>
public static class TentacleExitCodes
{
    public const int Success = 0;
    public const int ControlledFailure = 1;
    public const int UnknownCommand = 2;
    public const int Exception = 100;

    public static TentacleExitMeaning Meaning(int exitCode) => exitCode switch
    {
        Success => TentacleExitMeaning.Success,
        ControlledFailure => TentacleExitMeaning.ControlledFailure,
        UnknownCommand => TentacleExitMeaning.UnknownCommand,
        Exception => TentacleExitMeaning.Exception,
        _ => TentacleExitMeaning.NotTentacle,
    };
}
