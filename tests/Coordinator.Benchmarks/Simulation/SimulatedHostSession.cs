using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Coordinator.HostAccess;

namespace Coordinator.Benchmarks.Simulation;

/// <summary>
/// One simulated host: every operation costs the fleet's fixed latency and succeeds. The probe finds a fresh host;
/// the certificate uploaded for the import step becomes what the host's Tentacle presents to the verify step.
/// </summary>
internal sealed class SimulatedHostSession(HostEndpoint host, SimulatedFleet fleet) : IHostSession
{
    public HostEndpoint Host => host;

    public Task ConnectAsync(CancellationToken cancellationToken) => fleet.DelayAsync(cancellationToken);

    public async Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await fleet.DelayAsync(cancellationToken);
        var output = FreshHostProbe.Answers(command) ? FreshHostProbe.Output : "";
        return new CommandResult(0, output, "", Stopwatch.GetElapsedTime(started));
    }

    public async Task UploadAsync(ReadOnlyMemory<byte> content, string remotePath, UnixFileMode mode, CancellationToken cancellationToken)
    {
        // Read now: the step runner wipes the PFX once the upload returns.
        RecordIfCertificate(remotePath, content.Span);
        await fleet.DelayAsync(cancellationToken);
    }

    public async Task UploadAsync(Stream content, string remotePath, UnixFileMode mode, CancellationToken cancellationToken)
    {
        // The installer: read it as the SFTP upload would, so its cost on the coordinator side stays in the numbers.
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        RecordIfCertificate(remotePath, copy.GetBuffer().AsSpan(0, (int)copy.Length));
        await fleet.DelayAsync(cancellationToken);
    }

    public Task DeleteAsync(string remotePath, CancellationToken cancellationToken) => fleet.DelayAsync(cancellationToken);

    public async Task<string> CreatePrivateTempPathAsync(string fileName, CancellationToken cancellationToken)
    {
        await fleet.DelayAsync(cancellationToken);
        return $"/tmp/coordinator-{Guid.NewGuid():N}/{fileName}";
    }

    private void RecordIfCertificate(string remotePath, ReadOnlySpan<byte> content)
    {
        if (!remotePath.EndsWith(".pfx", StringComparison.Ordinal))
        {
            return;
        }

        using var certificate = X509CertificateLoader.LoadPkcs12(content, password: null, X509KeyStorageFlags.EphemeralKeySet);
        fleet.Present(host.Address, certificate.Thumbprint);
    }
}
