using System.Net;
using System.Text.RegularExpressions;

namespace Coordinator.Iis;

/// <summary>
/// Checks an operation and a mutex before a script is written from them and returns them normalised (physical paths
/// without trailing separators, protocols lower-case). Every value reaches the script as a single-quoted literal and
/// appcmd as one argument, so the rules keep that argument meaning exactly the value:
/// <list type="bullet">
/// <item>no control characters (a script cannot carry them safely);</item>
/// <item>no <c>"</c>: Windows PowerShell 5.1 passes embedded double quotes to programs unescaped, and IIS names and
/// Windows paths cannot hold them anyway;</item>
/// <item>names hold no <c>/</c> or <c>\</c> (appcmd names an application <c>Site/path</c>) and no surrounding blanks
/// (IIS would not find them again by the same name, so "ensure" would never converge);</item>
/// <item>physical paths are absolute (<c>X:\...</c>) and lose trailing separators: Windows PowerShell 5.1 quotes an
/// argument with spaces as <c>"/physicalPath:C:\My Site\"</c> and the trailing backslash would escape the quote.</item>
/// </list>
/// </summary>
public static partial class IisOperationValidator
{
    /// <summary>Longest mutex name Windows accepts (MAX_PATH).</summary>
    const int MutexNameLimit = 260;

    /// <summary>The normalised operation, or <see cref="InvalidIisOperationException"/> listing every problem.</summary>
    public static IisOperation Validated(IisOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var problems = new List<string>();
        IisOperation normalised = operation switch
        {
            EnsureAppPool pool => AppPool(problems, pool),
            EnsureSite site => Site(problems, site),
            EnsureApplication application => Application(problems, application),
            RemoveSite remove => remove with { Name = Name(problems, "site name", remove.Name) },
            RemoveUnderPath remove => remove with { PhysicalPath = PhysicalPath(problems, "physical path to clear", remove.PhysicalPath, allowDriveRoot: false) },
            _ => throw new ArgumentException($"{operation.GetType().Name} is not an IIS operation this library knows.", nameof(operation)),
        };
        return problems.Count == 0 ? normalised : throw new InvalidIisOperationException(problems);
    }

    /// <summary>The mutex, or <see cref="InvalidIisOperationException"/> listing every problem.</summary>
    public static IisMutex Validated(IisMutex mutex)
    {
        ArgumentNullException.ThrowIfNull(mutex);
        var problems = new List<string>();
        if (CheckText(problems, "mutex name", mutex.Name))
        {
            var local = MutexNamespace().Replace(mutex.Name, string.Empty);
            if (local.Length == 0 || local.Contains('\\', StringComparison.Ordinal) || mutex.Name.Length > MutexNameLimit)
                problems.Add($"The mutex name '{mutex.Name}' must be at most {MutexNameLimit} characters with no backslash except after a Global\\ or Local\\ prefix.");
        }

        if (mutex.Timeout <= TimeSpan.Zero || mutex.Timeout.TotalMilliseconds > int.MaxValue)
            problems.Add($"The mutex timeout {mutex.Timeout} must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}.");
        return problems.Count == 0 ? mutex : throw new InvalidIisOperationException(problems);
    }

    static EnsureAppPool AppPool(List<string> problems, EnsureAppPool pool)
    {
        Name(problems, "app pool name", pool.Name);
        var runtime = pool.ManagedRuntimeVersion switch
        {
            null => null,
            _ when pool.ManagedRuntimeVersion.Equals(EnsureAppPool.ClrV4, StringComparison.OrdinalIgnoreCase) => EnsureAppPool.ClrV4,
            EnsureAppPool.NoManagedCode => EnsureAppPool.NoManagedCode,
            _ => null,
        };
        if (runtime is null)
            problems.Add($"The managed runtime version '{pool.ManagedRuntimeVersion}' must be '{EnsureAppPool.ClrV4}' or empty (No Managed Code).");
        if (!Enum.IsDefined(pool.PipelineMode))
            problems.Add($"The pipeline mode {(int)pool.PipelineMode} is not Integrated or Classic.");
        if (!Enum.IsDefined(pool.Identity))
            problems.Add($"The app pool identity {(int)pool.Identity} is not one of {string.Join(", ", Enum.GetNames<AppPoolIdentity>())}.");
        return runtime is null ? pool : pool with { ManagedRuntimeVersion = runtime };
    }

    static EnsureSite Site(List<string> problems, EnsureSite site)
    {
        Name(problems, "site name", site.Name);
        Name(problems, "app pool name", site.AppPool);
        var bindings = (site.Bindings ?? []).Select(binding => Binding(problems, binding)).ToList();
        if (bindings.Count == 0)
            problems.Add($"The site '{site.Name}' needs at least one binding.");
        var repeated = bindings.Where(b => b is not null).GroupBy(b => b!.ToAppcmd(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var binding in repeated)
            problems.Add($"The binding {binding} is listed more than once.");
        return site with
        {
            PhysicalPath = PhysicalPath(problems, "site's physical path", site.PhysicalPath, allowDriveRoot: true),
            Bindings = [.. bindings.OfType<IisBinding>()],
        };
    }

    static EnsureApplication Application(List<string> problems, EnsureApplication application)
    {
        Name(problems, "site name", application.Site);
        Name(problems, "app pool name", application.AppPool);
        if (CheckText(problems, "virtual path", application.VirtualPath) && !VirtualPathText().IsMatch(application.VirtualPath))
        {
            problems.Add($"The virtual path '{application.VirtualPath}' must start with '/', name at least one segment (the site's root " +
                         "application belongs to EnsureSite), and hold no empty segment, trailing '/' or '\\'.");
        }

        return application with { PhysicalPath = PhysicalPath(problems, "application's physical path", application.PhysicalPath, allowDriveRoot: true) };
    }

    static IisBinding? Binding(List<string> problems, IisBinding? binding)
    {
        if (binding is null)
        {
            problems.Add("A binding is missing (null).");
            return null;
        }

        var valid = true;
        var protocol = binding.Protocol?.ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            problems.Add($"The binding protocol '{binding.Protocol}' must be http or https.");
            valid = false;
        }

        var address = binding.Address?.Trim('[', ']');
        if (address != IisBinding.AnyAddress && !IPAddress.TryParse(address ?? string.Empty, out _))
        {
            problems.Add($"The binding address '{binding.Address}' must be * or an IP address.");
            valid = false;
        }

        if (binding.Port is < 1 or > 65535)
        {
            problems.Add($"The binding port {binding.Port} is not a TCP port (1-65535).");
            valid = false;
        }

        if (binding.HostHeader is null || (binding.HostHeader.Length > 0 && !HostHeaderText().IsMatch(binding.HostHeader)))
        {
            problems.Add($"The host header '{binding.HostHeader}' must be empty or a host name such as shop.example.com (a leading *. is allowed).");
            valid = false;
        }

        return valid ? binding with { Protocol = protocol!, Address = address! } : null;
    }

    static string Name(List<string> problems, string what, string? name)
    {
        if (!CheckText(problems, what, name))
            return name!;
        if (name!.IndexOfAny(['/', '\\']) >= 0)
            problems.Add($"The {what} '{name}' must not contain '/' or '\\': appcmd names applications 'Site/path'.");
        if (name.Trim() != name)
            problems.Add($"The {what} '{name}' must not start or end with a blank.");
        return name;
    }

    static string PhysicalPath(List<string> problems, string what, string? path, bool allowDriveRoot)
    {
        if (!CheckText(problems, what, path))
            return path!;
        if (!WindowsAbsolutePath().IsMatch(path!))
        {
            problems.Add($"The {what} '{path}' must be an absolute path with a drive letter (such as C:\\inetpub\\shop).");
            return path!;
        }

        var trimmed = path!.TrimEnd('\\', '/');
        if (trimmed.Length > 2)
            return trimmed;
        if (!allowDriveRoot)
            problems.Add($"The {what} '{path}' is a drive root: every site and application on the drive would be removed.");
        return trimmed + "\\";
    }

    /// <summary>Shared rules for every value: present, one line, no double quote.</summary>
    static bool CheckText(List<string> problems, string what, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"The {what} is empty.");
            return false;
        }

        if (value.Any(char.IsControl))
        {
            problems.Add($"The {what} '{Shown(value)}' contains a control character (NUL, newline, tab...); scripts cannot carry it safely.");
            return false;
        }

        if (value.Contains('"', StringComparison.Ordinal))
        {
            problems.Add($"The {what} '{value}' contains a double quote: IIS names and Windows paths cannot, and Windows PowerShell 5.1 passes it to appcmd unescaped.");
            return false;
        }

        return true;
    }

    /// <summary>A value as it may appear in a message: control characters made visible.</summary>
    static string Shown(string value) => string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex WindowsAbsolutePath();

    [GeneratedRegex(@"^(/[^/\\]+)+$")]
    private static partial Regex VirtualPathText();

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex HostHeaderText();

    [GeneratedRegex(@"^(Global|Local)\\", RegexOptions.IgnoreCase)]
    private static partial Regex MutexNamespace();
}
