using System.Runtime.Versioning;

// The double impersonates Windows by flavour, but always runs on a Linux lab host.
[assembly: SupportedOSPlatform("linux")]
