using Lab.Windows;

namespace MsiexecDouble;

/// <summary>Windows Installer's exit codes that the lab reproduces.</summary>
internal static class MsiExitCodes
{
    public const int Success = 0;
    public const int FatalError = 1603;
    public const int UnknownProduct = 1605;
    public const int AlreadyRunning = 1618;
    public const int PackageOpenFailed = 1619;
    public const int InvalidCommandLine = 1639;
}

/// <summary>Installs and removes lab MSI packages, one at a time per machine like Windows Installer.</summary>
internal sealed class MsiInstaller(MsiLog log, InstalledProducts products)
{
    public const string DefaultInstallLocation = @"C:\Program Files\Octopus Deploy\Tentacle\";

    public int Run(MsiexecRequest request)
    {
        using var package = MsiPackage.Open(LabDrive.ToHostPath(request.Package));
        if (package is null)
        {
            log.Server($"Note: 1: 2203 2: {request.Package} 3: -2147287038");
            log.Server("This installation package could not be opened. Verify that the package exists and that you can access it.");
            return MsiExitCodes.PackageOpenFailed;
        }

        using var machineLock = InstallerMutex.TryEnter();
        if (machineLock is null)
        {
            log.Server("Another installation is already in progress. Complete that installation before proceeding with this install.");
            return MsiExitCodes.AlreadyRunning;
        }

        try
        {
            return request.Action == MsiAction.Install
                ? Install(package, request)
                : Uninstall(package.Properties);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            log.Server($"Product: {package.Properties.ProductName} -- Installation failed. {e.Message}");
            return MsiExitCodes.FatalError;
        }
    }

    private int Install(MsiPackage package, MsiexecRequest request)
    {
        var product = package.Properties;
        var location = request.Properties.GetValueOrDefault("INSTALLLOCATION") ?? DefaultInstallLocation;
        var directory = LabDrive.ToHostPath(location);
        var installed = products.Find(product.ProductName);

        if (installed is not null && installed.ProductVersion == product.ProductVersion
            && SameLocation(installed.InstallLocation, location)
            && installed.Files.All(f => File.Exists(Path.Combine(directory, f))))
        {
            log.Server($"Product: {product.ProductName} -- Configuration completed successfully.");
            return Completed(product, "configured");
        }

        // Copying files is what takes an installer its time; the package says how long. The wait stays on
        // this thread because the machine-wide mutex belongs to it.
        Thread.Sleep(Math.Max(0, product.InstallDelayMs));
        if (installed is not null)
        {
            log.Server($"Removing {installed.ProductName} {installed.ProductVersion} before installing {product.ProductVersion}.");
            RemoveFiles(installed);
        }
        var files = package.ExtractTo(directory);
        products.Record(new InstalledProduct(product.ProductName, product.ProductVersion, location, files));
        log.Server($"Product: {product.ProductName} -- Installation completed successfully.");
        return Completed(product, "installed");
    }

    private int Uninstall(MsiProductProperties product)
    {
        var installed = products.Find(product.ProductName);
        if (installed is null)
        {
            log.Server("This action is only valid for products that are currently installed.");
            return MsiExitCodes.UnknownProduct;
        }
        RemoveFiles(installed);
        products.Forget(installed.ProductName);
        log.Server($"Product: {installed.ProductName} -- Removal completed successfully.");
        return Completed(product with { ProductVersion = installed.ProductVersion }, "removed");
    }

    private int Completed(MsiProductProperties product, string verb)
    {
        log.Server($"Windows Installer {verb} the product. Product Name: {product.ProductName}. Product Version: {product.ProductVersion}. Product Language: 1033. Manufacturer: Octopus Deploy Pty. Ltd.. Installation success or error status: 0.");
        return MsiExitCodes.Success;
    }

    private static void RemoveFiles(InstalledProduct installed)
    {
        var directory = LabDrive.ToHostPath(installed.InstallLocation);
        foreach (var file in installed.Files)
        {
            var path = Path.Combine(directory, file);
            if (File.Exists(path)) File.Delete(path);
        }
        // Folders the product created go too, as long as nothing else was put in them.
        foreach (var folder in installed.Files.Select(f => Path.GetDirectoryName(Path.Combine(directory, f))!)
                     .Distinct().OrderByDescending(f => f.Length))
        {
            for (var current = folder; current.Length >= directory.TrimEnd('/').Length; current = Path.GetDirectoryName(current)!)
            {
                if (!Directory.Exists(current) || Directory.EnumerateFileSystemEntries(current).Any()) break;
                Directory.Delete(current);
            }
        }
    }

    private static bool SameLocation(string a, string b) =>
        LabDrive.ToHostPath(a).TrimEnd('/') == LabDrive.ToHostPath(b).TrimEnd('/');
}

/// <summary>
/// Windows Installer runs one installation per machine. A lab machine is its drive C:, so the mutex name
/// carries the drive's directory (hosts have private /tmp anyway, where .NET keeps named mutexes).
/// </summary>
internal sealed class InstallerMutex : IDisposable
{
    private readonly Mutex _mutex;

    private InstallerMutex(Mutex mutex) => _mutex = mutex;

    public static InstallerMutex? TryEnter()
    {
        var machine = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(LabDrive.Root)))[..16];
        var mutex = new Mutex(false, @"Global\_MSIExecute." + machine);
        try
        {
            if (mutex.WaitOne(0)) return new InstallerMutex(mutex);
        }
        catch (AbandonedMutexException)
        {
            return new InstallerMutex(mutex);
        }
        mutex.Dispose();
        return null;
    }

    public void Dispose()
    {
        _mutex.ReleaseMutex();
        _mutex.Dispose();
    }
}
