using System.CommandLine;

namespace Coordinator.Lab.Cli;

/// <summary>
/// What a lab is made of, as <c>lab up</c> and <c>lab serve</c> both accept it: how many hosts of each
/// flavour, the SSH port, and the Windows tools and drive C: files to put on Windows hosts.
/// </summary>
internal sealed class LabShape
{
    public Argument<int> Linux { get; } = new("linux") { Description = "How many Linux hosts." };

    public Option<int> Windows { get; } = new("--windows") { Description = "How many Windows-flavoured hosts.", DefaultValueFactory = _ => 0 };

    public Option<int> Port { get; } = new("--port") { Description = "The port every host's sshd listens on.", DefaultValueFactory = _ => 22 };

    public Option<string[]> WindowsTools { get; } = new("--windows-tool")
    {
        Description = "NAME=PATH: on Windows hosts, a command NAME in /usr/local/sbin that runs PATH instead of the lab's double (PATH not under /tmp). Repeatable.",
        HelpName = "NAME=PATH",
    };

    public Option<string[]> WindowsFiles { get; } = new("--windows-file")
    {
        Description = @"WINPATH=SOURCE: on Windows hosts, a copy of SOURCE at WINPATH on drive C:, instead of the lab's file there if it has one. Repeatable.",
        HelpName = "WINPATH=SOURCE",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Linux);
        command.Options.Add(Windows);
        command.Options.Add(Port);
        command.Options.Add(WindowsTools);
        command.Options.Add(WindowsFiles);
    }

    /// <summary>
    /// The lab's options. Windows hosts get the lab's doubles (<see cref="WindowsDoubles.Image"/>), with
    /// each --windows-tool and --windows-file in place of the double's file at the same path.
    /// </summary>
    public LabOptions ToOptions(ParseResult parsed, string stateDirectory)
    {
        IReadOnlyList<LabHostFile> overrides =
        [
            .. Pairs(parsed.GetValue(WindowsTools), WindowsTools.Name)
                .Select(tool => LabHostFile.Launcher(LabPaths.StandIn(tool.Name), Path.GetFullPath(tool.Value))),
            .. Pairs(parsed.GetValue(WindowsFiles), WindowsFiles.Name)
                .Select(file => LabHostFile.CopyOf(file.Value, LabPaths.OnDriveC(file.Name))),
        ];
        return new LabOptions
        {
            SshPort = parsed.GetValue(Port),
            StateDirectory = stateDirectory,
            WindowsImage = parsed.GetValue(Windows) > 0 ? WindowsDoubles.ImageWith(overrides) : [],
        };
    }

    /// <summary>The same shape as arguments for another <c>lab</c> command.</summary>
    public IEnumerable<string> ToArguments(ParseResult parsed)
    {
        yield return parsed.GetValue(Linux).ToString();
        yield return Windows.Name;
        yield return parsed.GetValue(Windows).ToString();
        yield return Port.Name;
        yield return parsed.GetValue(Port).ToString();
        foreach (var option in new[] { WindowsTools, WindowsFiles })
        {
            foreach (var value in parsed.GetValue(option) ?? [])
            {
                yield return option.Name;
                yield return value;
            }
        }
    }

    private static IEnumerable<(string Name, string Value)> Pairs(string[]? values, string option)
    {
        foreach (var value in values ?? [])
        {
            var separator = value.IndexOf('=');
            if (separator <= 0 || separator == value.Length - 1)
            {
                throw new LabException($"{option} expects NAME=VALUE, not '{value}'.");
            }

            yield return (value[..separator], value[(separator + 1)..]);
        }
    }
}
