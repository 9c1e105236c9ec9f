using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Coordinator.Lab;

/// <summary>
/// A loopback address held for one lab host. The lease is an flock on a file under the shared lab
/// directory, held for as long as the lab's process keeps it open, so concurrent labs (two test
/// assemblies at once) never pick the same address and a crashed lab's addresses come free.
/// </summary>
internal sealed class AddressLease(int hostNumber, FileStream file) : IDisposable
{
    public int HostNumber { get; } = hostNumber;

    public IPAddress Address => new([127, 0, 0, (byte)HostNumber]);

    // Lease files are never deleted: deleting one while another process opens it would let two
    // processes lock two different files of the same name.
    public void Dispose() => file.Dispose();
}

internal static class AddressLeases
{
    /// <summary>127.0.0.1 belongs to the coordinator and the Octopus double.</summary>
    public const int FirstHostNumber = 2;

    public const int LastHostNumber = 254;

    private static readonly TimeSpan ReclaimTimeout = TimeSpan.FromSeconds(10);

    private static string LeaseDirectory => Path.Combine(LabDirectory.SharedRoot, "leases");

    /// <summary>Leases <paramref name="count"/> addresses on which <paramref name="port"/> is free, lowest first.</summary>
    /// <param name="bootScriptOf">The boot script of the host an address will carry, recorded so a later lab can clear up after this one.</param>
    public static async Task<IReadOnlyList<AddressLease>> AcquireAsync(
        int count, int port, Func<int, string> bootScriptOf, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(LeaseDirectory);
        var leases = new List<AddressLease>();
        try
        {
            for (var number = FirstHostNumber; number <= LastHostNumber && leases.Count < count; number++)
            {
                if (await TryAcquireAsync(number, port, bootScriptOf(number), cancellationToken) is { } lease)
                {
                    leases.Add(lease);
                }
            }
        }
        catch
        {
            leases.ForEach(lease => lease.Dispose());
            throw;
        }

        if (leases.Count < count)
        {
            leases.ForEach(lease => lease.Dispose());
            throw new LabException(
                $"Only {leases.Count} of the {count} lab addresses needed are free for SSH on port {port}: other labs " +
                $"hold the rest of 127.0.0.{FirstHostNumber}-{LastHostNumber}, or something else listens on port {port} " +
                "(a system sshd on 0.0.0.0? then give the lab another port).");
        }

        return leases;
    }

    private static async Task<AddressLease?> TryAcquireAsync(int number, int port, string bootScript, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(Path.Combine(LeaseDirectory, $"127.0.0.{number}"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null; // another lab holds it
        }

        try
        {
            var address = new IPAddress([127, 0, 0, (byte)number]);
            await ReclaimAsync(file, address, port, cancellationToken);
            if (!PortIsFree(address, port))
            {
                file.Dispose();
                return null;
            }

            file.SetLength(0);
            await JsonSerializer.SerializeAsync(file, new LeaseRecord(Environment.ProcessId, bootScript), cancellationToken: cancellationToken);
            await file.FlushAsync(cancellationToken);
            return new AddressLease(number, file);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>A lab whose process died released its leases but may have left its hosts running.</summary>
    private static async Task ReclaimAsync(FileStream file, IPAddress address, int port, CancellationToken cancellationToken)
    {
        LeaseRecord? previous;
        try
        {
            previous = file.Length == 0 ? null : await JsonSerializer.DeserializeAsync<LeaseRecord>(file, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            previous = null;
        }

        if (string.IsNullOrEmpty(previous?.BootScript))
        {
            return;
        }

        var leftovers = ProcFs.AllProcessIds().Where(pid => ProcFs.ArgumentsOf(pid).Contains(previous.BootScript)).ToList();
        if (leftovers.Count == 0)
        {
            return;
        }

        // Killing a host's init takes its whole pid namespace down; unshare goes with it (--kill-child the other way round).
        foreach (var pid in leftovers)
        {
            if (HostProcesses.Of(pid) is { } processes)
            {
                ProcFs.Signal(processes.Init, ProcFs.SigKill);
            }

            ProcFs.Signal(pid, ProcFs.SigKill);
        }

        await Poll.UntilAsync(() => PortIsFree(address, port), ReclaimTimeout, cancellationToken);
    }

    private static bool PortIsFree(IPAddress address, int port)
    {
        var probe = new TcpListener(address, port);
        try
        {
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            probe.Stop();
        }
    }

    private sealed record LeaseRecord(int OwnerProcessId, string BootScript);
}
