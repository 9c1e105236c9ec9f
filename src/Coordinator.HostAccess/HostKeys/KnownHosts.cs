using System.Security.Cryptography;
using System.Text;

namespace Coordinator.HostAccess;

/// <summary>
/// The entries of an OpenSSH known-hosts file. A line is <c>[@marker] patterns type base64 [comment]</c>;
/// patterns are comma-separated names or addresses, <c>[host]:port</c> for ports other than 22, wildcards
/// (<c>*</c>, <c>?</c>), negations (<c>!pattern</c>), or one hashed name (<c>|1|salt|hash</c>, as written by
/// <c>ssh-keygen -H</c> or HashKnownHosts). <c>@revoked</c> lines are honoured; <c>@cert-authority</c> lines
/// are ignored (host certificates are not supported); malformed lines are skipped, as ssh does.
/// </summary>
internal sealed class KnownHosts
{
    private const string HashedPrefix = "|1|";

    private readonly IReadOnlyList<Entry> _entries;

    private KnownHosts(IReadOnlyList<Entry> entries) => _entries = entries;

    public static KnownHosts Empty { get; } = new([]);

    public static KnownHosts Parse(string text)
    {
        var entries = new List<Entry>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var marker = fields[0].StartsWith('@') ? fields[0] : null;
            var rest = marker is null ? fields : fields[1..];
            if (marker is not (null or "@revoked") || rest.Length < 3)
            {
                continue;
            }

            if (HostPublicKey.FromTypeAndData(rest[1], rest[2]) is { } key)
            {
                entries.Add(new Entry(rest[0], key, Revoked: marker is not null));
            }
        }

        return new KnownHosts(entries);
    }

    /// <summary>The keys listed for any of <paramref name="names"/> on <paramref name="port"/>, revoked ones apart.</summary>
    public (IReadOnlyList<HostPublicKey> Keys, IReadOnlyList<HostPublicKey> Revoked) For(IEnumerable<string> names, int port)
    {
        var lookups = names.Select(name => HostPattern(name.ToLowerInvariant(), port)).Distinct().ToList();
        var matching = _entries.Where(entry => lookups.Any(lookup => Matches(entry.Patterns, lookup))).ToList();
        return (
            matching.Where(entry => !entry.Revoked).Select(entry => entry.Key).Distinct().ToList(),
            matching.Where(entry => entry.Revoked).Select(entry => entry.Key).Distinct().ToList());
    }

    /// <summary>How known_hosts names a host on a port: <c>host</c> on 22, <c>[host]:port</c> otherwise.</summary>
    public static string HostPattern(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    private static bool Matches(string patterns, string lookup)
    {
        if (patterns.StartsWith(HashedPrefix, StringComparison.Ordinal))
        {
            return MatchesHashed(patterns, lookup);
        }

        var matched = false;
        foreach (var pattern in patterns.Split(','))
        {
            var negated = pattern.StartsWith('!');
            if (Glob(negated ? pattern[1..] : pattern, lookup))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    /// <summary><c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c>.</summary>
    private static bool MatchesHashed(string hashed, string lookup)
    {
        var parts = hashed[HashedPrefix.Length..].Split('|');
        if (parts.Length != 2)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[0]);
            var expected = Convert.FromBase64String(parts[1]);
            return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(lookup)), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>OpenSSH's pattern match: <c>*</c> any run of characters, <c>?</c> one, case-insensitive.</summary>
    private static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, starPattern = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starPattern = p++;
                starText = t;
            }
            else if (starPattern >= 0)
            {
                p = starPattern + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private sealed record Entry(string Patterns, HostPublicKey Key, bool Revoked);
}
