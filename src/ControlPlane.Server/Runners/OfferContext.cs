using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Planning;

namespace ControlPlane.Server.Runners;

/// <summary>What an offer's step is resolved against: its plan, its workflow and the values its expressions read.</summary>
/// <param name="Context">Inputs, matrix, needed steps' results and run info; env and secrets are added by the resolver.</param>
public sealed record OfferContext(PlannedStep Step, string Workflow, ExpressionContext Context);
