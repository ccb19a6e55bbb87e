using System.Runtime.InteropServices;

namespace ControlPlane.Agent.Native;

/// <summary>
/// Looks up a user in the system's user database (getpwnam/getpwuid, so NSS sources such as LDAP count too); .NET
/// has no API for it. Called at start only: the libc functions return a static buffer, so they are not thread-safe.
/// </summary>
internal static partial class Passwd
{
    /// <summary>A user's name, ids and home directory.</summary>
    public readonly record struct Entry(string Name, int UserId, int GroupId, string Home);

    public static Entry? ByName(string name) => Read(GetPwNam(name));

    public static Entry? ById(int userId) => userId < 0 ? null : Read(GetPwUid((uint)userId));

    private static Entry? Read(nint entry)
    {
        if (entry == 0)
        {
            return null;
        }

        var passwd = Marshal.PtrToStructure<NativePasswd>(entry);
        return new Entry(
            Marshal.PtrToStringUTF8(passwd.Name) ?? "",
            unchecked((int)passwd.UserId),
            unchecked((int)passwd.GroupId),
            Marshal.PtrToStringUTF8(passwd.Home) ?? "/");
    }

    // struct passwd of glibc and musl: the same field order on every Linux architecture.
    [StructLayout(LayoutKind.Sequential)]
    private struct NativePasswd
    {
        public nint Name;
        public nint Password;
        public uint UserId;
        public uint GroupId;
        public nint Gecos;
        public nint Home;
        public nint Shell;
    }

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetPwNam(string name);

    [LibraryImport("libc", EntryPoint = "getpwuid")]
    private static partial nint GetPwUid(uint userId);
}
