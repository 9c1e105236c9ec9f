using System.Text;

namespace OctopusServer.Double.State;

internal static class Slugs
{
    /// <summary>Lower-case letters and digits, with every other run of characters collapsed into one dash.</summary>
    public static string From(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }
}
