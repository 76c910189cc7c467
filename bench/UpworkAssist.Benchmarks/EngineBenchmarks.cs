using System.Text;
using BenchmarkDotNet.Attributes;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Core.Rules;

namespace UpworkAssist.Benchmarks;

/// <summary>
/// The engine on 1,000 jobs of the RULES.md speed corpus (20 lanes, 200 negative and 20
/// include keywords each): JSON reading, normalization, the keyword scan (the trie the engine
/// uses against the SearchValues alternative), and full evaluation, fast and with evidence.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class EngineBenchmarks
{
    private const int Jobs = 1_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private List<Job> _jobs = [];
    private byte[] _jobsJson = [];
    private string[] _normalizedDescriptions = [];
    private CompiledLaneSet _laneSet = null!;
    private KeywordTrie _trie = null!;
    private SearchValuesKeywordSearch _searchValues = null!;
    private Reason[] _reasons = [];

    [GlobalSetup]
    public void Setup()
    {
        (List<LaneDefinition> lanes, List<Job> jobs) = new CorpusGenerator().Generate(Jobs);
        _jobs = jobs;
        _jobsJson = Encoding.UTF8.GetBytes(JobJson.Serialize(jobs, indented: false));
        _normalizedDescriptions = [.. jobs.Select(static job => TextNormalizer.Normalize(job.Description))];
        _laneSet = CompiledLaneSet.Compile(lanes);
        List<string> keywords =
        [
            .. lanes
                .SelectMany(static lane => lane.IncludeKeywords.Concat(lane.NegativeKeywords))
                .Select(TextNormalizer.Normalize)
                .Distinct(StringComparer.Ordinal),
        ];
        _trie = new KeywordTrie(keywords);
        _searchValues = new SearchValuesKeywordSearch(keywords);
        _reasons = new Reason[_laneSet.Count];
    }

    [Benchmark]
    public int ReadJobsJson() => JobJson.Read(_jobsJson).Items.Count;

    [Benchmark]
    public int NormalizeDescriptions()
    {
        int length = 0;
        foreach (Job job in _jobs)
        {
            length += TextNormalizer.Normalize(job.Description).Length;
        }

        return length;
    }

    [Benchmark(Baseline = true)]
    public int ScanDescriptionsWithTrie()
    {
        var counter = new Counter();
        foreach (string description in _normalizedDescriptions)
        {
            _trie.FindAll(description, ref counter);
        }

        return counter.Found;
    }

    [Benchmark]
    public int ScanDescriptionsWithSearchValues()
    {
        var counter = new Counter();
        foreach (string description in _normalizedDescriptions)
        {
            _searchValues.FindAll(description, ref counter);
        }

        return counter.Found;
    }

    [Benchmark]
    public int EvaluateFast()
    {
        int matched = 0;
        foreach (Job job in _jobs)
        {
            _laneSet.Evaluate(job, Now, _reasons);
            matched += _reasons.Count(static reason => reason == Reason.None);
        }

        return matched;
    }

    [Benchmark]
    public int EvaluateWithEvidence()
    {
        int matched = 0;
        foreach (Job job in _jobs)
        {
            matched += _laneSet.Evaluate(job, Now).Count(static decision => decision.Matched);
        }

        return matched;
    }

    private struct Counter : IKeywordSink
    {
        public int Found { get; private set; }

        void IKeywordSink.Found(int keyword) => Found++;
    }
}
