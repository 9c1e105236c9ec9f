using System.Text.Json.Serialization;

namespace Coordinator.Iis;

/// <summary>
/// One idempotent change to a host's IIS configuration. <see cref="IisScripts.Render"/> validates it (see
/// <see cref="IisOperationValidator"/>) and turns it into a PowerShell script that changes only what differs.
/// Operations are queued in the coordinator's journal and sent by the CLI, so each kind has a stable JSON name.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(EnsureAppPool), "ensure-app-pool")]
[JsonDerivedType(typeof(EnsureSite), "ensure-site")]
[JsonDerivedType(typeof(EnsureApplication), "ensure-application")]
[JsonDerivedType(typeof(RemoveSite), "remove-site")]
[JsonDerivedType(typeof(RemoveUnderPath), "remove-under-path")]
public abstract record IisOperation
{
    /// <summary>What the operation does, for logs and progress ("Ensure app pool 'Shop'").</summary>
    [JsonIgnore]
    public abstract string Description { get; }
}

/// <summary>The app pool exists with exactly these settings; anything else about it is left alone.</summary>
/// <param name="Name">The pool's name.</param>
/// <param name="ManagedRuntimeVersion"><c>v4.0</c>, or empty for "No Managed Code".</param>
/// <param name="PipelineMode">Integrated or Classic.</param>
/// <param name="Identity">The built-in account the worker process runs as.</param>
public sealed record EnsureAppPool(string Name, string ManagedRuntimeVersion, ManagedPipelineMode PipelineMode, AppPoolIdentity Identity)
    : IisOperation
{
    /// <summary>The <see cref="ManagedRuntimeVersion"/> of an app pool that runs no managed code.</summary>
    public const string NoManagedCode = "";

    /// <summary>The <see cref="ManagedRuntimeVersion"/> of .NET Framework 4.x.</summary>
    public const string ClrV4 = "v4.0";

    public override string Description => $"Ensure app pool '{Name}'";
}

/// <summary>The site exists with these bindings, this root physical path and its root application in this pool.</summary>
public sealed record EnsureSite(string Name, string PhysicalPath, IReadOnlyList<IisBinding> Bindings, string AppPool) : IisOperation
{
    public override string Description => $"Ensure site '{Name}'";
}

/// <summary>The application <paramref name="VirtualPath"/> (such as <c>/api</c>) exists in an existing site with this path and pool.</summary>
public sealed record EnsureApplication(string Site, string VirtualPath, string PhysicalPath, string AppPool) : IisOperation
{
    public override string Description => $"Ensure application '{Site}{VirtualPath}'";
}

/// <summary>The site is gone (with its applications); app pools are left alone.</summary>
public sealed record RemoveSite(string Name) : IisOperation
{
    public override string Description => $"Remove site '{Name}'";
}

/// <summary>
/// Every site whose root, and every application whose physical path, is <paramref name="PhysicalPath"/> or below
/// it is gone, and so is every app pool that only they used (the seed's <c>Remove-WebSites</c>).
/// </summary>
public sealed record RemoveUnderPath(string PhysicalPath) : IisOperation
{
    public override string Description => $"Remove the sites, applications and app pools under {PhysicalPath}";
}
