namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>A schedule changed (a revision was applied) between reading it and firing it; the fire is abandoned unwritten.</summary>
public sealed class ScheduleChangedException : Exception
{
    public ScheduleChangedException()
        : base("the schedule changed while it was firing")
    {
    }

    public ScheduleChangedException(string message)
        : base(message)
    {
    }

    public ScheduleChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
