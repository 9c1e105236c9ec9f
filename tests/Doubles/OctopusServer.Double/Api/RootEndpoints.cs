using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OctopusServer.Double.Resources;
using OctopusServer.Double.State;

namespace OctopusServer.Double.Api;

/// <summary>The documents that are not tied to a space: the API root, the current user and the server certificate.</summary>
internal sealed class RootEndpoints(string installationId, X509Certificate2 serverCertificate)
{
    public const string Version = "2024.3.1234";
    public const string ApiVersion = "3.0.0";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api", Root);
        app.MapGet("/api/users/me", CurrentUser);
        app.MapGet("/api/configuration/certificates/certificate-global", GlobalCertificate);
    }

    private IResult Root()
    {
        var links = new Dictionary<string, string>(Templates.SpaceLinks(OctopusState.DefaultSpaceId))
        {
            ["Self"] = "/api",
            ["SpaceHome"] = Templates.SpaceHome,
            ["Spaces"] = Templates.Spaces,
            ["CurrentUser"] = Templates.CurrentUser,
            ["CertificateConfiguration"] = Templates.CertificateConfiguration,
        };
        return ApiResults.Ok(new RootResource("Octopus Deploy", Version, ApiVersion, installationId, links));
    }

    private static IResult CurrentUser() =>
        ApiResults.Ok(new UserResource("Users-1", "admin", "Administrator", IsActive: true, IsService: false, Templates.Self("/api/users/Users-1")));

    private IResult GlobalCertificate() =>
        ApiResults.Ok(new CertificateResource(
            "certificate-global",
            "Octopus Portal",
            serverCertificate.Thumbprint,
            serverCertificate.SignatureAlgorithm.FriendlyName ?? "sha256RSA",
            serverCertificate.NotAfter.ToUniversalTime(),
            Templates.Self("/api/configuration/certificates/certificate-global")));
}
