namespace ControlPlane.Core.Definitions;

/// <summary>One dimension of a matrix. Values are strings, doubles or bools; strings may hold <c>${{ inputs.* }}</c>.</summary>
public sealed record MatrixAxis(string Name, IReadOnlyList<object> Values);
