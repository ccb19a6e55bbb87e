using System.Reflection;
using System.Text;

namespace ControlPlane.Grpc.Core.Tests;

/// <summary>Prints the public and protected surface of an assembly, one sorted line per member.</summary>
internal static class PublicApiPrinter
{
    private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Print(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetTypes().Where(IsVisible))
        {
            var typeName = Name(type);
            lines.Add($"{Kind(type)} {typeName}{BaseList(type)}");
            foreach (var member in type.GetMembers(Members).Where(IsVisible))
            {
                lines.Add($"  {typeName} :: {Describe(member)}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines) + "\n";
    }

    private static bool IsVisible(Type type) =>
        type.IsPublic || (type.IsNestedPublic && IsVisible(type.DeclaringType!))
        || ((type.IsNestedFamily || type.IsNestedFamORAssem) && IsVisible(type.DeclaringType!));

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => !m.IsSpecialName || m is ConstructorInfo ? m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly : false,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        FieldInfo f => (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName,
        EventInfo => true,
        Type t => IsVisible(t),
        _ => false,
    };

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        _ when typeof(Delegate).IsAssignableFrom(type.BaseType) => "delegate",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsAbstract: true } => "abstract class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };

    private static string BaseList(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType)
            && baseType != typeof(Enum) && !typeof(Delegate).IsAssignableFrom(baseType))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static string Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"{Access(c)}{(c.IsStatic ? "static " : "")}.ctor({Parameters(c)})",
        MethodInfo m => $"{Access(m)}{Modifiers(m)}{Name(m.ReturnType)} {m.Name}{Generics(m)}({Parameters(m)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{ {Accessors(p)}}}",
        FieldInfo f => $"{Access(f)}{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type t => $"nested {Name(t)}",
        _ => member.ToString() ?? "",
    };

    private static string Accessors(PropertyInfo property)
    {
        var builder = new StringBuilder();
        foreach (var accessor in new[] { property.GetMethod, property.SetMethod })
        {
            if (accessor is not null && (accessor.IsPublic || accessor.IsFamily || accessor.IsFamilyOrAssembly))
            {
                builder.Append(Access(accessor)).Append(Modifiers(accessor)).Append(accessor == property.GetMethod ? "get; " : "set; ");
            }
        }

        return builder.ToString();
    }

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    private static string Access(FieldInfo field) => field.IsPublic ? "public " : "protected ";

    private static string Modifiers(MethodInfo method) =>
        method.IsStatic ? "static " : method.IsAbstract ? "abstract " : method.IsVirtual && !method.IsFinal
            ? (method.GetBaseDefinition() == method ? "virtual " : "override ") : "";

    private static string Generics(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(Name)) + ">" : "";

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsByRef)
        {
            return "ref " + Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        var arguments = type.IsNested && type.DeclaringType!.IsGenericType
            ? type.GetGenericArguments().Skip(type.DeclaringType.GetGenericArguments().Length)
            : type.GetGenericArguments();
        return arguments.Any() ? name + "<" + string.Join(", ", arguments.Select(Name)) + ">" : name;
    }
}
