using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Sqlite;

/// <summary>The SQLite result codes the store turns into named exceptions.</summary>
internal static class SqliteErrors
{
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Full = 13;
    private const int Constraint = 19;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    public static bool IsUniqueViolation(SqliteException error) =>
        error.SqliteErrorCode == Constraint && error.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey;

    /// <summary>A full disk (SQLITE_FULL), a read-only file or mount (SQLITE_READONLY) or an I/O error (SQLITE_IOERR).</summary>
    public static bool IsUnwritable(SqliteException error) => (error.SqliteErrorCode & 0xFF) is ReadOnly or IoError or Full;

    /// <summary>The engine's short text for the error's code, e.g. "database or disk is full".</summary>
    public static string Cause(SqliteException error) =>
        SQLitePCL.raw.sqlite3_errstr(error.SqliteExtendedErrorCode).utf8_to_string() ?? error.Message;
}
