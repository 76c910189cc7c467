namespace UpworkAssist.Core.Rules;

/// <summary>
/// Why one rule failed: the lane field that set the rule (e.g. "negativeKeywords",
/// "minFixedBudget"), the terms involved (the keywords found, the skills missing, ...) and a
/// sentence for a person.
/// </summary>
public sealed record Evidence(string Reason, string Field, IReadOnlyList<string> Terms, string Detail);

/// <summary>
/// The engine's verdict on one (job, lane) pair. <see cref="Reasons"/> lists the failing rules'
/// codes sorted ordinal; <see cref="Evidence"/> has one entry per reason, in the same order.
/// <see cref="Score"/> ranks matched jobs (null when not matched); <see cref="MatchedKeywords"/>
/// are the lane's include keywords found in the title or description (normalized).
/// </summary>
public sealed record Decision(
    string JobId,
    string LaneId,
    bool Matched,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<Evidence> Evidence,
    int? Score,
    IReadOnlyList<string> MatchedKeywords
);
