using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Sqlite;

/// <summary>The SQLite result codes the store turns into named exceptions.</summary>
internal static class SqliteErrors
{
    private const int Constraint = 19;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    public static bool IsUniqueViolation(SqliteException error) =>
        error.SqliteErrorCode == Constraint && error.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey;
}
