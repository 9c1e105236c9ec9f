namespace Coordinator.Lab;

/// <summary>Where a lab keeps its files: the client key, the hosts' own files, the images, the state file.</summary>
internal sealed class LabDirectory(string root)
{
    /// <summary>Shared by every lab on the machine: address leases, the install lock, temporary labs.</summary>
    public static string SharedRoot => Path.Combine(Path.GetTempPath(), "coordinator-lab");

    public string Root { get; } = Path.GetFullPath(root);

    public string ClientKey => Path.Combine(Root, "client", "id_ed25519");

    public string ClientPublicKey => ClientKey + ".pub";

    public string KnownHosts => Path.Combine(Root, "known_hosts");

    public string SshConfig => Path.Combine(Root, "ssh_config");

    public string StateFile => Path.Combine(Root, LabState.FileName);

    public static LabDirectory NewTemporary() =>
        new(Path.Combine(SharedRoot, "labs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}"));

    /// <summary>The lab's copy of its tools, which every host mounts read-only at <see cref="LabPaths.Tools"/>.</summary>
    public string ToolsDirectory => Path.Combine(Root, "tools");

    public string HostDirectory(string hostName) => Path.Combine(Root, "hosts", hostName);

    public string ImageDirectory(LabHostFlavour flavour) => Path.Combine(Root, "images", LabEnvironment.FlavourValue(flavour));

    /// <summary>Clears what an earlier lab left here and makes a new client key.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        foreach (var directory in new[] { "hosts", "images", "tools", "client" }.Select(name => Path.Combine(Root, name)))
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        foreach (var file in new[] { KnownHosts, SshConfig, StateFile })
        {
            File.Delete(file);
        }

        await SshKeys.GenerateAsync(ClientKey, "coordinator-lab", cancellationToken);
    }
}
