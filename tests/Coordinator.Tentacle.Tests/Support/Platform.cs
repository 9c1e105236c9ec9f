using System.Runtime.Versioning;

// The scripts run under bash and the lab's powershell on Linux: Unix file modes and processes are part of the tests.
[assembly: UnsupportedOSPlatform("windows")]
