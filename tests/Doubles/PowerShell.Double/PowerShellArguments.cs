using System.Text;

namespace PowerShellDouble;

/// <summary>What the script text is and where it came from, as powershell.exe decides it.</summary>
internal enum ScriptSource
{
    /// <summary>-Command text, -EncodedCommand, or standard input: exit code follows the last statement.</summary>
    Command,
    /// <summary>-File: exit code 0 unless the script says otherwise.</summary>
    File,
}

/// <summary>The script to run; with neither text nor path it comes from standard input.</summary>
internal sealed record PowerShellArguments(
    ScriptSource Source,
    string? ScriptText,
    string? ScriptPath,
    IReadOnlyList<string> ScriptArguments);

/// <summary>
/// Parses powershell.exe's own command line: parameter names are case-insensitive, may start with '-', '--'
/// or '/', and may be shortened to any prefix at least as long as the shortest unambiguous one.
/// </summary>
internal static class PowerShellArgumentParser
{
    private sealed record Switch(string Name, string ShortestPrefix, bool TakesValue, params string[] Aliases);

    private static readonly Switch[] Switches =
    [
        new("command", "c", true),
        new("encodedcommand", "e", true, "ec"),
        new("executionpolicy", "ex", true, "ep"),
        new("file", "f", true),
        new("noprofile", "nop", false),
        new("noninteractive", "noni", false),
        new("nologo", "nol", false),
        new("noexit", "noe", false),
        new("inputformat", "inp", true, "if"),
        new("outputformat", "o", true, "of"),
        new("windowstyle", "w", true),
        new("sta", "s", false),
        new("mta", "mta", false),
    ];

    public static PowerShellArguments Parse(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') && !arg.StartsWith('/'))
            {
                // Windows PowerShell treats leftover words as the -Command text.
                return new(ScriptSource.Command, string.Join(' ', args.Skip(i)), null, []);
            }
            var sw = Find(arg) ?? throw new ArgumentException(
                $"The argument '{arg}' is not recognized as the name of a script file or a parameter of powershell.");
            string Value()
            {
                if (i + 1 >= args.Count) throw new ArgumentException($"Missing argument for parameter -{sw.Name}.");
                return args[++i];
            }

            switch (sw.Name)
            {
                case "command":
                    var first = Value();
                    if (first == "-" && i == args.Count - 1)
                        return new(ScriptSource.Command, null, null, []);
                    // Like powershell.exe, everything after -Command is the command text.
                    var text = string.Join(' ', args.Skip(i));
                    return new(ScriptSource.Command, text, null, []);
                case "encodedcommand":
                    return new(ScriptSource.Command, DecodeCommand(Value()), null, []);
                case "file":
                    var path = Value();
                    return new(ScriptSource.File, null, path, args.Skip(i + 1).ToList());
                default:
                    if (sw.TakesValue) Value();
                    break;
            }
        }
        // No command at all: powershell.exe reads commands from a redirected standard input.
        return new(ScriptSource.Command, null, null, []);
    }

    private static string DecodeCommand(string base64)
    {
        try
        {
            return Encoding.Unicode.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw new ArgumentException("Cannot process the command because the value specified with -EncodedCommand is not properly encoded. The value must be Base64 encoded.");
        }
    }

    private static Switch? Find(string arg)
    {
        string key;
        if (arg.StartsWith("--", StringComparison.Ordinal)) key = arg[2..];
        else if (arg.StartsWith('-') || arg.StartsWith('/')) key = arg[1..];
        else return null;
        key = key.ToLowerInvariant();
        if (key.Length == 0) return null;
        return Switches.FirstOrDefault(s => s.Aliases.Contains(key))
               ?? Switches.FirstOrDefault(s => s.Name.StartsWith(key, StringComparison.Ordinal) && key.Length >= s.ShortestPrefix.Length);
    }
}
