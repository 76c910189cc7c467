using BenchmarkDotNet.Running;
using UpworkAssist.Benchmarks;

// `--corpus DIR [JOBS]` writes the corpus for bench/match-vs-ripgrep.sh; anything else runs BenchmarkDotNet.
if (args is ["--corpus", string directory, ..])
{
    int jobs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
    var (lanes, generated) = new CorpusGenerator().Generate(jobs);
    CorpusGenerator.WriteCorpus(directory, lanes, generated);
    Console.WriteLine($"wrote {generated.Count} jobs and {lanes.Count} lanes to {directory}");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(CorpusGenerator).Assembly).Run(args);
return 0;
