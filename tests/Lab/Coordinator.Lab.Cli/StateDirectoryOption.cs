using System.CommandLine;

namespace Coordinator.Lab.Cli;

/// <summary><c>--state DIR</c>: where a lab keeps its files, so later commands find it.</summary>
internal static class StateDirectoryOption
{
    public static Option<string> Create() => new("--state")
    {
        Description = "The lab's state directory (lab.json, keys, known_hosts, ssh_config, the hosts' files).",
        HelpName = "DIR",
        DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "coordinator-lab", "lab"),
    };

    public static string Value(ParseResult parsed, Option<string> option) => Path.GetFullPath(parsed.GetValue(option)!);
}
