using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coordinator.Lab;

/// <summary>
/// A running lab as <c>lab.json</c> in its state directory describes it: who owns it, how to reach
/// its hosts. Written when the lab is up, rewritten when a host is recreated, deleted when it stops.
/// </summary>
public sealed record LabState(
    int OwnerProcessId,
    long OwnerStartTime,
    string StateDirectory,
    string ClientKeyPath,
    string KnownHostsPath,
    string SshConfigPath,
    IReadOnlyList<LabHostState> Hosts)
{
    public const string FileName = "lab.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Whether the process that started the lab (and holds its addresses) still runs.</summary>
    [JsonIgnore]
    public bool OwnerIsAlive => ProcFs.IsAlive(OwnerProcessId) && ProcFs.StartTimeOf(OwnerProcessId) == OwnerStartTime;

    /// <summary>The lab described in <paramref name="stateDirectory"/>, or null when no lab is up there.</summary>
    public static async Task<LabState?> ReadAsync(string stateDirectory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(stateDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<LabState>(file, Json, cancellationToken)
               ?? throw new LabException($"'{path}' does not describe a lab.");
    }

    /// <summary>Replaces the file in one step, so a reader never sees half of it.</summary>
    internal async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One host of a running lab, as <c>lab.json</c> lists it.</summary>
public sealed record LabHostState(
    string Name,
    string Address,
    int Port,
    LabHostFlavour Flavour,
    string StateDirectory,
    string HostPublicKey,
    string HostKeyFingerprint);
