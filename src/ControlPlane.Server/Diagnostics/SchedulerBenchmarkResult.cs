namespace ControlPlane.Server.Diagnostics;

/// <summary>What <see cref="SchedulerBenchmarks.MeasureAsync"/> measured.</summary>
/// <param name="Decisions">Durable state changes made by the scheduler and the runner reports (every transition event
/// except the creation of runs and steps): run start, step ready, offer (attempt and step), accept, finish, run end.</param>
/// <param name="Ticks">Scheduler ticks, i.e. commits of the dispatch loop; reports commit on their own.</param>
public sealed record SchedulerBenchmarkResult(int Runs, int Decisions, int Ticks, TimeSpan Elapsed)
{
    public double DecisionsPerSecond => Decisions / Elapsed.TotalSeconds;

    public double RunsPerSecond => Runs / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Runs} one-step runs in {Elapsed.TotalMilliseconds:F0} ms: {DecisionsPerSecond:F0} decisions/s, {RunsPerSecond:F0} runs/s, {Ticks} ticks";
}
