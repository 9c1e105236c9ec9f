namespace Coordinator.Iis;

/// <summary>What a successful IIS script did, from its <c>iis-result=changed|unchanged</c> line on stdout.</summary>
public enum IisResult
{
    /// <summary>The host already matched: nothing was written and the mutex was not taken.</summary>
    Unchanged,

    /// <summary>At least one appcmd write was made.</summary>
    Changed,
}

/// <summary>Reads the result line a successful script ends with.</summary>
public static class IisResultLine
{
    /// <summary>The start of the line: <c>iis-result=</c>.</summary>
    public const string Prefix = "iis-result=";

    /// <summary>The line for <paramref name="result"/>.</summary>
    public static string For(IisResult result) => Prefix + result.ToString().ToLowerInvariant();

    /// <summary>The last result in <paramref name="stdout"/>, or <c>null</c> when the script did not get that far.</summary>
    public static IisResult? Parse(string stdout)
    {
        IisResult? found = null;
        foreach (var line in stdout.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal) &&
                Enum.TryParse<IisResult>(line[Prefix.Length..].Trim(), ignoreCase: true, out var result))
            {
                found = result;
            }
        }

        return found;
    }
}
