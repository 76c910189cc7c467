namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>The few words the pipeline's pages show about where a proposal and its stage came from.</summary>
public static class ProposalLabels
{
    public static string SetBy(Proposal p) => p.StageFromSync ? "set by the sync" : "set by a person";

    /// <summary>A proposal sent outside UpworkAssist has no title: no job content is kept, only the job's id.</summary>
    public static string Job(Proposal p) => "job " + (p.MarketplaceJobId ?? p.PostingId);
}
