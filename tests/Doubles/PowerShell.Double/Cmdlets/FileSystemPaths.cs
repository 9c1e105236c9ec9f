using System.Management.Automation;
using System.Text;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

/// <summary>Resolves PowerShell paths (C:\..., relative, wildcards) to files the process can open.</summary>
internal static class FileSystemPaths
{
    public static IReadOnlyList<string> Existing(PSCmdlet cmdlet, string path, bool literal)
    {
        if (literal)
        {
            var single = Unresolved(cmdlet, path);
            if (!File.Exists(single) && !Directory.Exists(single))
                throw new ItemNotFoundException($"Cannot find path '{path}' because it does not exist.");
            return [single];
        }
        var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
        RequireFileSystem(provider, path);
        return resolved;
    }

    public static string ForWriting(PSCmdlet cmdlet, string path) => Unresolved(cmdlet, path);

    private static string Unresolved(PSCmdlet cmdlet, string path)
    {
        var providerPath = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        RequireFileSystem(provider, path);
        return providerPath;
    }

    private static void RequireFileSystem(ProviderInfo provider, string path)
    {
        if (provider.Name != "FileSystem")
            throw new PSNotSupportedException($"The lab powershell reads and writes content only on the file system, not '{path}'.");
    }
}

internal sealed record TextEncoding(Encoding Text, bool Bytes);

/// <summary>The -Encoding names scripts use, with PowerShell 7's meanings (utf8 has no BOM).</summary>
internal static class TextEncodings
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);

    public static TextEncoding Parse(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "utf8" or "utf8nobom" or "default" or "oem" or "string" => new(Utf8NoBom, false),
        "utf8bom" => new(new UTF8Encoding(true), false),
        "ascii" => new(Encoding.ASCII, false),
        "unicode" => new(Encoding.Unicode, false),
        "bigendianunicode" => new(Encoding.BigEndianUnicode, false),
        "utf32" => new(Encoding.UTF32, false),
        "byte" => new(Utf8NoBom, true),
        _ => throw new PSArgumentException($"Cannot bind parameter 'Encoding': '{name}' is not an encoding the lab powershell knows."),
    };
}

internal static class PowerShellValues
{
    /// <summary>The object inside a PSObject wrapper, or the value itself.</summary>
    public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
