using System.Runtime.Versioning;

// The double under test is Linux-only: it runs on the lab's Linux hosts, whatever OS it impersonates.
[assembly: SupportedOSPlatform("linux")]
