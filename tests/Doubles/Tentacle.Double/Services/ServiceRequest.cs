namespace Tentacle.Double.Services;

/// <summary>What <c>service</c> was asked to do; applied in Tentacle's order: restart, stop, uninstall, install, reconfigure, start.</summary>
internal sealed class ServiceRequest
{
    public bool Start { get; set; }
    public bool Stop { get; set; }
    public bool Restart { get; set; }
    public bool Reconfigure { get; set; }
    public bool Install { get; set; }
    public bool Uninstall { get; set; }
    public string? Username { get; set; } = Environment.GetEnvironmentVariable("OCTOPUS_SERVICE_USERNAME");
    public string? Password { get; set; } = Environment.GetEnvironmentVariable("OCTOPUS_SERVICE_PASSWORD");
    public string? DependOn { get; set; }
}
