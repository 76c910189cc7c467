namespace UpworkAssist.Web.Features.Lanes;

/// <summary>
/// Something the team did that outside automation may want to hear about (docs/routing.md "Webhooks").
/// <paramref name="Data"/> holds the team's own facts only (ids, names, stages), never marketplace text,
/// so a stored event outlives the 24-hour content rule. <paramref name="Links"/> are app paths
/// ("/Queue/Job/~01") or absolute URLs; the receiver of the event makes the paths absolute.
/// </summary>
public sealed record TeamEvent(string Type, object Data, IReadOnlyDictionary<string, string> Links);

/// <summary>
/// The hook features raise team events through. It is declared here, low in the feature graph, so
/// Queue, Drafts, Pipeline and Compliance can raise events without knowing Routing, whose webhooks
/// implement it. An event is added to the caller's unit of work and commits with its SaveChanges.
/// </summary>
public interface ITeamEvents
{
    Task RaiseAsync(TeamEvent teamEvent, CancellationToken ct);
}
