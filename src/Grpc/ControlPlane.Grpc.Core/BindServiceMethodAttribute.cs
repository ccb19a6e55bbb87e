using System.Diagnostics.CodeAnalysis;

namespace Grpc.Core;

/// <summary>
/// Placed by the code generator on a service base class; names the static method that binds a service
/// implementation to a <see cref="ServiceBinderBase"/>. Servers find their methods through it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public class BindServiceMethodAttribute : Attribute
{
    private const DynamicallyAccessedMemberTypes ServerAccessibility =
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    public BindServiceMethodAttribute([DynamicallyAccessedMembers(ServerAccessibility)] Type bindType, string bindMethodName)
    {
        BindType = bindType;
        BindMethodName = bindMethodName;
    }

    [DynamicallyAccessedMembers(ServerAccessibility)]
    public Type BindType { get; }

    public string BindMethodName { get; }
}
