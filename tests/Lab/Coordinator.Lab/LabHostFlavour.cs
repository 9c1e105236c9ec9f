namespace Coordinator.Lab;

/// <summary>What a lab host stands in for. Sessions see it as <c>LAB_FLAVOUR=linux|windows</c>.</summary>
public enum LabHostFlavour
{
    /// <summary>A Linux machine: <c>sudo</c> and <c>systemctl</c> stand-ins, the real Tentacle paths.</summary>
    Linux,

    /// <summary>A Windows machine: a drive C: at <see cref="LabPaths.DriveC"/> and whatever the image provides.</summary>
    Windows,
}
