using System.Text;

namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>
/// Installs a listening Tentacle on a lab host over SSH the way tentacle-cli.md's canonical sequence says,
/// at the real default paths: upload the installer and the retained PFX, install, create the instance,
/// import the PFX, reset trust, configure listening on the host's address, trust the server, start the
/// service. The PFX password travels on stdin, never on a command line the SSH server sees.
/// </summary>
internal static class TentacleInstallation
{
    public const string LinuxTentacle = "/opt/octopus/tentacle/Tentacle";

    public const string WindowsTentacle = @"C:\Program Files\Octopus Deploy\Tentacle\Tentacle.exe";

    private const string LinuxUploads = "/tmp";

    private const string WindowsUploads = @"C:\Windows\Temp";

    /// <summary>The tarball and the PFX go to the host's /tmp; the script reads the password from stdin.</summary>
    public static async Task<RemoteResult> OnLinuxAsync(LabHost host, TentacleInstallers installers, RetainedPfx pfx, string trustedThumbprint)
    {
        var tarball = $"{LinuxUploads}/{Path.GetFileName(installers.Tarball)}";
        var pfxOnHost = $"{LinuxUploads}/tentacle.pfx";
        await LabConnection.UploadAsync(host, installers.Tarball, tarball);
        await LabConnection.UploadAsync(host, pfx.Path, pfxOnHost);

        var script = $"""
            set -e
            mkdir -p /opt/octopus && tar xzf '{tarball}' -C /opt/octopus
            IFS= read -r pfx_password
            tentacle={LinuxTentacle}
            "$tentacle" create-instance --instance "Tentacle" --config "/etc/octopus/Tentacle/tentacle-Tentacle.config"
            "$tentacle" import-certificate --instance "Tentacle" --from-file "{pfxOnHost}" --pfx-password "$pfx_password"
            "$tentacle" configure --instance "Tentacle" --reset-trust
            "$tentacle" configure --instance "Tentacle" --home "/etc/octopus/Tentacle" --app "/home/Octopus/Applications" --port {TentacleEndpoint.Port} --listenIpAddress "$LAB_ADDRESS" --noListen "False"
            "$tentacle" configure --instance "Tentacle" --trust "{trustedThumbprint}"
            "$tentacle" service --instance "Tentacle" --install --start
            """;
        using var connection = await LabConnection.OpenAsync(host);
        var installed = await connection.RunAsync(script, pfx.Password + "\n");
        Assert.True(installed.ExitStatus == 0, $"Installing the Tentacle on {host.Name}: {installed}");
        return installed;
    }

    /// <summary>
    /// The MSI and the PFX go to C:\Windows\Temp; PowerShell installs with <c>Start-Process msiexec.exe
    /// -Wait -PassThru</c> and runs the sequence with Windows paths (config C:\Octopus\Tentacle.config).
    /// </summary>
    public static async Task<RemoteResult> OnWindowsAsync(LabHost host, TentacleInstallers installers, RetainedPfx pfx, string trustedThumbprint)
    {
        var msi = $@"{WindowsUploads}\{Path.GetFileName(installers.Msi)}";
        var pfxOnHost = $@"{WindowsUploads}\tentacle.pfx";
        await LabConnection.UploadAsync(host, installers.Msi, LabPaths.OnDriveC(msi));
        await LabConnection.UploadAsync(host, pfx.Path, LabPaths.OnDriveC(pfxOnHost));

        var script = $$"""
            $ErrorActionPreference = 'Stop'
            $pfxPassword = [Console]::In.ReadLine()
            $install = Start-Process -FilePath msiexec.exe -ArgumentList '/i', '{{msi}}', '/quiet' -Wait -PassThru
            if ($install.ExitCode -ne 0) { throw "msiexec exited with $($install.ExitCode)" }
            function Invoke-Tentacle {
                & '{{WindowsTentacle}}' @args
                if ($LASTEXITCODE -ne 0) { throw "Tentacle $($args[0]) exited with $LASTEXITCODE" }
            }
            Invoke-Tentacle create-instance --instance Tentacle --config 'C:\Octopus\Tentacle.config'
            Invoke-Tentacle import-certificate --instance Tentacle --from-file '{{pfxOnHost}}' --pfx-password $pfxPassword
            Invoke-Tentacle configure --instance Tentacle --reset-trust
            Invoke-Tentacle configure --instance Tentacle --home 'C:\Octopus' --app 'C:\Octopus\Applications' --port {{TentacleEndpoint.Port}} --listenIpAddress $env:LAB_ADDRESS --noListen False
            Invoke-Tentacle configure --instance Tentacle --trust '{{trustedThumbprint}}'
            Invoke-Tentacle service --instance Tentacle --install --start
            """;
        using var connection = await LabConnection.OpenAsync(host);
        var installed = await connection.RunAsync(PowerShell.EncodedCommand(script), pfx.Password + "\n");
        Assert.True(installed.ExitStatus == 0, $"Installing the Tentacle on {host.Name}: {installed}");
        return installed;
    }
}

/// <summary>Command lines for the powershell double, as the coordinator will send them.</summary>
internal static class PowerShell
{
    /// <summary><c>powershell -NoProfile -NonInteractive -EncodedCommand &lt;base64 of the UTF-16LE script&gt;</c>.</summary>
    public static string EncodedCommand(string script) =>
        $"powershell -NoProfile -NonInteractive -EncodedCommand {Convert.ToBase64String(Encoding.Unicode.GetBytes(script))}";
}
