namespace ControlPlane.Core.Expressions.Syntax;

public enum LogicalOperator
{
    And,
    Or,
}
