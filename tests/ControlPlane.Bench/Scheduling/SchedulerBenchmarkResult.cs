namespace ControlPlane.Bench.Scheduling;

/// <summary>What <see cref="SchedulerBenchmarks.MeasureAsync"/> measured.</summary>
/// <param name="Decisions">Durable state changes made by the scheduler and the runner reports (every event but the
/// creation of runs and steps and runners connecting): run start, step ready, offer (attempt and step), accept (attempt
/// and step), finish (attempt and step), run end; nine per one-step run, seven when start and ready came before.</param>
/// <param name="Ticks">Scheduler ticks, i.e. commits of the dispatch loop; reports commit on their own.</param>
internal sealed record SchedulerBenchmarkResult(int Runs, int Decisions, int Ticks, TimeSpan Elapsed)
{
    public double DecisionsPerSecond => Decisions / Elapsed.TotalSeconds;

    public double RunsPerSecond => Runs / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Runs} one-step runs in {Elapsed.TotalMilliseconds:F0} ms: {DecisionsPerSecond:F0} decisions/s, {RunsPerSecond:F0} runs/s, {Ticks} ticks";
}
