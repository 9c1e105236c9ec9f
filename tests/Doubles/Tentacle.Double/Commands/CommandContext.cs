using Tentacle.Double.Certificates;
using Tentacle.Double.Instances;
using Tentacle.Double.Lab;

namespace Tentacle.Double.Commands;

/// <summary>What every command run shares: the lab environment, the console, and the restart vote.</summary>
internal sealed class CommandContext(LabEnvironment lab, TextWriter output, TextWriter error, bool noninteractive)
{
    public const string RestartNotice = "These changes require a restart of the Tentacle.";

    public LabEnvironment Lab { get; } = lab;
    public HostPaths Paths { get; } = new(lab);
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;
    public bool Noninteractive { get; } = noninteractive;
    public bool RestartVoted { get; private set; }

    public InstanceIndex Instances => new(Paths);
    public MachineKey MachineKey => new(Lab.MachineIdFile);

    public void Info(string line) => Output.WriteLine(line);

    public void Fail(string line) => Error.WriteLine(line);

    public void VoteForRestart() => RestartVoted = true;
}
