using Coordinator.Actors.Machines;
using Coordinator.Certificates;
using Coordinator.Protocol.Machines;

namespace Coordinator.Bootstrap.Identity;

/// <summary>
/// Issues and opens retained identities: a certificate made the way Tentacle makes one, sealed with the
/// coordinator's certificate key (<c>COORD_CERTIFICATE_KEY</c>, or a 0600 key file in the data directory created on
/// first use). Only this class ever holds a host's private key in the clear, and only while a step uses it.
/// </summary>
public sealed class RetainedIdentityVault(string dataDirectory) : ICertificateIssuer
{
    private readonly Lazy<Task<CertificateVault>> _vault = new(async () =>
        new CertificateVault(await CertificateKeyStore.LoadOrCreateAsync(dataDirectory)));

    // RSA key generation takes a core for a quarter of a second or more, and a fleet of new hosts needs one each:
    // one generator per core, each on a thread of its own, so the thread pool the actors (and the admin endpoint's
    // answers) run on is never taken — on the pool, 25 at once starved it and a coord poll went unanswered.
    private readonly SemaphoreSlim _generators = new(Environment.ProcessorCount);

    public async Task<RetainedIdentity> IssueAsync(string host, CancellationToken cancellationToken)
    {
        RetainedCertificate certificate;
        await _generators.WaitAsync(cancellationToken);
        try
        {
            certificate = await Task.Factory.StartNew(
                () => TentacleCertificateFactory.Create(), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            _generators.Release();
        }

        return await SealAsync(host, certificate, cancellationToken);
    }

    public async Task<RetainedIdentity> AdoptAsync(string host, byte[] pfx, string? password, CancellationToken cancellationToken)
    {
        RetainedCertificate certificate;
        try
        {
            certificate = RetainedCertificate.FromPfx(pfx, password);
        }
        catch (CertificateException e)
        {
            throw new ArgumentException($"the PFX for {host} cannot be used: {e.Message}", nameof(pfx), e);
        }

        return await SealAsync(host, certificate, cancellationToken);
    }

    public async Task<byte[]> ExportAsync(string host, RetainedIdentity identity, string password, CancellationToken cancellationToken) =>
        (await UnsealAsync(host, identity, cancellationToken)).ExportPfx(password);

    /// <summary>Seals a certificate an operator adopted (<c>coord certs import</c>) as the host's identity.</summary>
    public async Task<RetainedIdentity> SealAsync(string host, RetainedCertificate certificate, CancellationToken cancellationToken)
    {
        var vault = await _vault.Value.WaitAsync(cancellationToken);
        var sealedCertificate = vault.Seal(host, certificate);
        return new RetainedIdentity(sealedCertificate.Thumbprint, sealedCertificate.Blob, sealedCertificate.NotAfter);
    }

    /// <summary>The host's certificate with its private key, to put on the host or export for an operator.</summary>
    public async Task<RetainedCertificate> UnsealAsync(string host, RetainedIdentity identity, CancellationToken cancellationToken)
    {
        var vault = await _vault.Value.WaitAsync(cancellationToken);
        // Only the host, thumbprint and blob are authenticated and read; the other public facts come from inside.
        return vault.Unseal(host, new SealedCertificate(
            host, identity.Thumbprint, TentacleCertificateFactory.Subject, DateTimeOffset.MinValue, identity.NotAfter, identity.SealedPfx));
    }
}
