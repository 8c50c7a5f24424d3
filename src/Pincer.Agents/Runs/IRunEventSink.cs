using Pincer.Agents.Runs.Events;

namespace Pincer.Agents.Runs;

/// <summary>Hears a run's events in order. Called on the run's own task; implementations must not block.</summary>
public interface IRunEventSink
{
    void Emit(RunEvent runEvent);
}
