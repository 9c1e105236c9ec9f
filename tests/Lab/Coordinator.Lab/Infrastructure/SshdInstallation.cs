namespace Coordinator.Lab;

/// <summary>Makes sure OpenSSH's server is installed: lab hosts run the real sshd.</summary>
internal static class SshdInstallation
{
    public const string Sshd = "/usr/sbin/sshd";

    private const string InstallScript =
        "test -x /usr/sbin/sshd || { apt-get -qq -o DPkg::Lock::Timeout=600 update && " +
        "apt-get -qq -y -o DPkg::Lock::Timeout=600 install openssh-server; }";

    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Sshd))
        {
            return;
        }

        // Test assemblies may start labs at the same moment; flock makes the others wait for the first
        // install instead of failing on apt's own lock.
        Directory.CreateDirectory(LabDirectory.SharedRoot);
        await ExternalProcess.RunAsync(
            "flock",
            ["--wait", "900", Path.Combine(LabDirectory.SharedRoot, "install.lock"), "/bin/sh", "-c", InstallScript],
            TimeSpan.FromMinutes(30),
            cancellationToken,
            new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });

        if (!File.Exists(Sshd))
        {
            throw new LabException($"Installing openssh-server did not provide {Sshd}.");
        }
    }
}
