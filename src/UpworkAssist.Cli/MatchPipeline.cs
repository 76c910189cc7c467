using System.Collections.Concurrent;
using UpworkAssist.Core;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Rules;

namespace UpworkAssist.Cli;

/// <summary>
/// Reads jobs on the calling thread and evaluates them on another, in batches, so parsing and
/// matching overlap on two cores. Output order is the input order: one consumer writes all lines.
/// </summary>
internal static class MatchPipeline
{
    private const int BatchSize = 512;

    public static IReadOnlyList<ValidationError> Run(
        byte[] jobsJson,
        CompiledLaneSet laneSet,
        DateTimeOffset now,
        DecisionLineWriter lines
    )
    {
        using var batches = new BlockingCollection<List<Job>>(boundedCapacity: 8);
        Task consumer = Task.Factory.StartNew(
            () =>
            {
                var reasons = new Reason[laneSet.Count];
                foreach (List<Job> batch in batches.GetConsumingEnumerable())
                {
                    foreach (Job job in batch)
                    {
                        laneSet.Evaluate(job, now, reasons);
                        lines.Write(job.Id, reasons);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default
        );

        var batch = new List<Job>(BatchSize);
        IReadOnlyList<ValidationError> errors;
        try
        {
            errors = JobJson.ReadEach(
                jobsJson,
                job =>
                {
                    batch.Add(job);
                    if (batch.Count == BatchSize)
                    {
                        batches.Add(batch);
                        batch = new List<Job>(BatchSize);
                    }
                }
            );
            if (errors.Count == 0 && batch.Count > 0)
            {
                batches.Add(batch);
            }
        }
        finally
        {
            batches.CompleteAdding();
            consumer.GetAwaiter().GetResult();
        }

        return errors;
    }
}
