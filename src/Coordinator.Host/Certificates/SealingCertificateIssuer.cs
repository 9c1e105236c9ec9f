using Coordinator.Actors.Machines;
using Coordinator.Certificates;
using Coordinator.Host.Configuration;
using Coordinator.Protocol.Machines;

namespace Coordinator.Host.Certificates;

/// <summary>
/// Issues retained identities: a certificate made the way Tentacle makes one, sealed with the coordinator's
/// certificate key (<c>COORD_CERTIFICATE_KEY</c>, or a 0600 key file in the data directory created on first use).
/// </summary>
public sealed class SealingCertificateIssuer(CoordinatorSettings settings) : ICertificateIssuer
{
    private readonly Lazy<Task<CertificateVault>> _vault = new(async () =>
        new CertificateVault(await CertificateKeyStore.LoadOrCreateAsync(settings.DataDirectory)));

    public async Task<RetainedIdentity> IssueAsync(string host, CancellationToken cancellationToken)
    {
        var vault = await _vault.Value.WaitAsync(cancellationToken);

        // RSA key generation is the slow part; keep it off the caller's thread.
        var certificate = await Task.Run(() => TentacleCertificateFactory.Create(), cancellationToken);
        var sealedCertificate = vault.Seal(host, certificate);
        return new RetainedIdentity(sealedCertificate.Thumbprint, sealedCertificate.Blob, sealedCertificate.NotAfter);
    }
}
