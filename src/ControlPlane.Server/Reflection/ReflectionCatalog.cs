using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace ControlPlane.Server.Reflection;

/// <summary>
/// The services a server exposes and every proto file they are built from, indexed for the reflection
/// protocol: by file name and by fully qualified symbol (service, method, message, enum, nested types).
/// </summary>
public sealed class ReflectionCatalog
{
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = new(StringComparer.Ordinal);

    public ReflectionCatalog(IEnumerable<ServiceDescriptor> services)
    {
        ServiceNames = [.. services.Select(s => s.FullName).Distinct().Order(StringComparer.Ordinal)];
        foreach (var service in services)
        {
            AddFile(service.File);
        }
    }

    /// <summary>Fully qualified names of the exposed services, sorted.</summary>
    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFileByName(string name) => _filesByName.GetValueOrDefault(name);

    public FileDescriptor? FindFileContainingSymbol(string symbol) => _filesBySymbol.GetValueOrDefault(symbol.TrimStart('.'));

    /// <summary>
    /// The serialized file followed by its transitive dependencies, each once, every file before the files it imports:
    /// read backwards, the list is in dependency order, so a client can add the files to a pool one by one.
    /// </summary>
    public static IReadOnlyList<ByteString> SerializeWithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dependenciesFirst = new List<ByteString>();
        AddDependenciesFirst(file, seen, dependenciesFirst);
        dependenciesFirst.Reverse();
        return dependenciesFirst;
    }

    // Post-order: a file is added after everything it imports. Import chains are short, so recursion is fine.
    private static void AddDependenciesFirst(FileDescriptor file, HashSet<string> seen, List<ByteString> result)
    {
        if (!seen.Add(file.Name))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddDependenciesFirst(dependency, seen, result);
        }

        result.Add(file.SerializedData);
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var service in file.Services)
        {
            _filesBySymbol[service.FullName] = file;
            foreach (var method in service.Methods)
            {
                _filesBySymbol[method.FullName] = file;
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _filesBySymbol[enumType.FullName] = file;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _filesBySymbol[message.FullName] = file;
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _filesBySymbol[enumType.FullName] = file;
        }
    }
}
