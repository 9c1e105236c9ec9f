namespace Coordinator.Iis;

/// <summary>How an app pool hosts managed code (appcmd's <c>managedPipelineMode</c>).</summary>
public enum ManagedPipelineMode
{
    Integrated,
    Classic,
}

/// <summary>The built-in accounts an app pool can run as (appcmd's <c>processModel.identityType</c>).</summary>
public enum AppPoolIdentity
{
    /// <summary>IIS's default: a virtual account per pool.</summary>
    ApplicationPoolIdentity,
    LocalSystem,
    LocalService,
    NetworkService,
}
