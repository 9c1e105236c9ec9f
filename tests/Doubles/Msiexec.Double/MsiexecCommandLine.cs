namespace MsiexecDouble;

internal enum MsiAction
{
    Install,
    Uninstall,
}

internal sealed record MsiexecRequest(
    MsiAction Action,
    string Package,
    string? LogPath,
    IReadOnlyDictionary<string, string> Properties);

/// <summary>msiexec's command line: options start with '/' or '-', are case-insensitive; PROPERTY=value pairs.</summary>
internal static class MsiexecCommandLine
{
    private static readonly HashSet<string> UiOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "quiet", "passive", "q", "qn", "qb", "qr", "qf", "qn+", "qb+", "qb-", "norestart", "promptrestart", "forcerestart",
    };

    /// <summary>The request, or null when the command line is not one msiexec accepts (exit code 1639).</summary>
    public static MsiexecRequest? Parse(IReadOnlyList<string> args)
    {
        MsiAction? action = null;
        string? package = null;
        string? log = null;
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length > 1 && (arg[0] == '/' || arg[0] == '-'))
            {
                var option = arg[1..];
                string? Next() => i + 1 < args.Count ? args[++i] : null;
                if (option.Equals("i", StringComparison.OrdinalIgnoreCase) || option.Equals("package", StringComparison.OrdinalIgnoreCase))
                {
                    if (action is not null) return null;
                    action = MsiAction.Install;
                    package = Next();
                }
                else if (option.Equals("x", StringComparison.OrdinalIgnoreCase) || option.Equals("uninstall", StringComparison.OrdinalIgnoreCase))
                {
                    if (action is not null) return null;
                    action = MsiAction.Uninstall;
                    package = Next();
                }
                else if (option.StartsWith('l') || option.StartsWith('L'))
                {
                    log = Next();
                    if (log is null) return null;
                }
                else if (!UiOptions.Contains(option))
                {
                    return null;
                }
                continue;
            }
            var equals = arg.IndexOf('=');
            if (equals <= 0) return null;
            properties[arg[..equals]] = arg[(equals + 1)..].Trim('"');
        }
        return action is null || string.IsNullOrEmpty(package) ? null : new MsiexecRequest(action.Value, package, log, properties);
    }
}
