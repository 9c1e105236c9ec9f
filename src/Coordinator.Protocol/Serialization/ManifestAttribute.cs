namespace Coordinator.Protocol.Serialization;

/// <summary>
/// The stable, versioned name a type is stored and sent under (for example <c>machine.enrolled.v1</c>).
/// Never change a published manifest: add a new type with a new version instead, and keep reading the old one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ManifestAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
