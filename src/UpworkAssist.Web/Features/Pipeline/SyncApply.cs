using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// One sync's writes, into the caller's context (the caller saves): the records, the senders,
/// the links, the proposals sent outside UpworkAssist and the stage moves, each move in the
/// stage history and the audit log as made by the sync.
/// </summary>
internal sealed class SyncApply(AppDbContext db, AuditLog audit, DateTimeOffset now)
{
    /// <summary>The actor the audit log names for what the sync changes, whoever pressed "Sync now".</summary>
    public const string Actor = "proposal sync";

    public async Task<SyncOutcome> ApplyAsync(
        IReadOnlyList<SyncedProposal> seen,
        bool namesTeamUsers,
        CancellationToken ct
    )
    {
        var ids = seen.Select(s => s.Id).ToList();
        var records = await db.MarketplaceProposals.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        foreach (var s in seen)
        {
            if (!records.TryGetValue(s.Id, out var r))
            {
                r = db
                    .MarketplaceProposals.Add(
                        new MarketplaceProposal
                        {
                            Id = s.Id,
                            Status = s.Status,
                            FirstSeenAt = now,
                        }
                    )
                    .Entity;
                records[s.Id] = r;
            }
            Copy(s, r);
            r.LastSeenAt = now;
        }
        var senders = await SendersAsync(seen, namesTeamUsers, ct);
        string? SenderOf(MarketplaceProposal r) => r.UserId is { } u ? senders.GetValueOrDefault(u) : null;

        var unlinked = records.Values.Where(r => r.ProposalId is null).OrderBy(r => r.CreatedAt).ToList();
        var candidates = await CandidatesAsync(unlinked.Select(r => r.JobId).OfType<string>().Distinct().ToList(), ct);
        var linked = 0;
        foreach (var r in unlinked)
        {
            if (
                r.JobId is { } job
                && candidates.TryGetValue(job, out var list)
                && SyncRules.Link(list, SenderOf(r), r.CreatedAt) is { } proposalId
            )
            {
                r.ProposalId = proposalId;
                list.RemoveAll(c => c.ProposalId == proposalId);
                linked++;
                Audit(AuditActions.ProposalLinked, proposalId, $"marketplace proposal {r.Id}, job {job}");
            }
        }
        var outside = new List<(MarketplaceProposal Record, Proposal Proposal)>();
        foreach (var r in unlinked.Where(r => r.ProposalId is null))
        {
            if (SenderOf(r) is { } member)
            {
                outside.Add((r, db.Proposals.Add(await OutsideAsync(r, member, ct)).Entity));
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var (r, p) in outside)
        {
            r.ProposalId = p.Id;
            Audit(
                AuditActions.ProposalFoundOutside,
                p.Id,
                $"marketplace proposal {r.Id}, job {r.JobId ?? "unknown"}, status {r.Status}"
            );
        }
        var moves = await MoveAsync(records.Values.Where(r => r.ProposalId is not null).ToList(), ct);
        return new SyncOutcome(true, seen.Count, linked, outside.Count, moves);
    }

    private static void Copy(SyncedProposal s, MarketplaceProposal r)
    {
        (r.JobId, r.Status, r.ReasonId, r.Reason, r.ViewedByClient) = (
            s.JobId ?? r.JobId,
            s.Status,
            s.ReasonId,
            s.Reason,
            s.Viewed
        );
        (r.CreatedAt, r.ModifiedAt) = (s.CreatedAt ?? r.CreatedAt, s.ModifiedAt ?? r.ModifiedAt);
        (r.UserId, r.UserName) = (s.UserId ?? r.UserId, s.UserName ?? r.UserName);
        (r.OrganizationId, r.OrganizationName) = (
            s.OrganizationId ?? r.OrganizationId,
            s.OrganizationName ?? r.OrganizationName
        );
        (r.ChargeRate, r.ChargeCurrency) = (s.ChargeRate ?? r.ChargeRate, s.ChargeCurrency ?? r.ChargeCurrency);
    }

    /// <summary>
    /// Marketplace user id → the team member it is mapped to; unseen senders are added for the Admin to map.
    /// </summary>
    private async Task<Dictionary<string, string>> SendersAsync(
        IReadOnlyList<SyncedProposal> seen,
        bool namesTeamUsers,
        CancellationToken ct
    )
    {
        var userIds = seen.Select(s => s.UserId).OfType<string>().Distinct().ToList();
        var members = await db
            .MarketplaceMembers.Where(m => userIds.Contains(m.MarketplaceUserId))
            .ToDictionaryAsync(m => m.MarketplaceUserId, ct);
        var teamUsers = namesTeamUsers
            ? await db
                .Users.Where(u => userIds.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName })
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct)
            : [];
        foreach (var id in userIds)
        {
            if (!members.TryGetValue(id, out var m))
            {
                m = db
                    .MarketplaceMembers.Add(new MarketplaceMember { MarketplaceUserId = id, FirstSeenAt = now })
                    .Entity;
                members[id] = m;
            }
            m.Name =
                seen.FirstOrDefault(s => s.UserId == id && s.UserName is not null)?.UserName
                ?? teamUsers.GetValueOrDefault(id)
                ?? m.Name;
            m.AppUserId ??= teamUsers.ContainsKey(id) ? id : null; // the demo source names the team's own users
        }
        return members
            .Values.Where(m => m.AppUserId is not null)
            .ToDictionary(m => m.MarketplaceUserId, m => m.AppUserId!);
    }

    /// <summary>
    /// Recorded proposals not yet linked, by job: their kept numeric id, or, for those recorded
    /// before it was kept, the id of their posting while it is still stored.
    /// </summary>
    private async Task<Dictionary<string, List<LinkCandidate>>> CandidatesAsync(
        List<string> jobIds,
        CancellationToken ct
    )
    {
        if (jobIds.Count == 0)
        {
            return [];
        }
        var postings = await db
            .Postings.AsNoTracking()
            .Where(p => p.MarketplaceId != null && jobIds.Contains(p.MarketplaceId))
            .Select(p => new { p.Id, p.MarketplaceId })
            .ToDictionaryAsync(p => p.Id, p => p.MarketplaceId!, ct);
        var postingIds = postings.Keys.ToList();
        var rows = await db
            .Proposals.AsNoTracking()
            .Where(p => p.Origin == ProposalOrigin.Recorded && !db.MarketplaceProposals.Any(m => m.ProposalId == p.Id))
            .Where(p =>
                (p.MarketplaceJobId != null && jobIds.Contains(p.MarketplaceJobId))
                || (p.MarketplaceJobId == null && postingIds.Contains(p.PostingId))
            )
            .Select(p => new
            {
                p.Id,
                p.FreelancerId,
                p.SentAt,
                p.MarketplaceJobId,
                p.PostingId,
            })
            .ToListAsync(ct);
        return rows.GroupBy(p => p.MarketplaceJobId ?? postings[p.PostingId])
            .ToDictionary(g => g.Key, g => g.Select(p => new LinkCandidate(p.Id, p.FreelancerId, p.SentAt)).ToList());
    }

    /// <summary>
    /// A proposal nobody recorded: the job by its id only (no content is kept), sent by the mapped member.
    /// </summary>
    private async Task<Proposal> OutsideAsync(MarketplaceProposal r, string member, CancellationToken ct)
    {
        var posting = r.JobId is null
            ? null
            : await db
                .Postings.AsNoTracking()
                .Where(p => p.MarketplaceId == r.JobId)
                .Select(p => new { p.Id, p.Url })
                .FirstOrDefaultAsync(ct);
        var sentAt = r.CreatedAt is { } created && created <= now ? created : now;
        return new Proposal
        {
            PostingId = posting?.Id ?? "job:" + (r.JobId ?? r.Id),
            PostingUrl = posting?.Url,
            FreelancerId = member,
            MarketplaceJobId = r.JobId,
            SentAt = sentAt,
            Stage = ProposalStage.Sent,
            Origin = ProposalOrigin.Outside,
            StageFromSync = true, // nobody recorded it: even its Sent stage comes from the marketplace
            UpdatedAt = now,
        };
    }

    private async Task<int> MoveAsync(List<MarketplaceProposal> records, CancellationToken ct)
    {
        var ids = records.Select(r => r.ProposalId!.Value).ToList();
        var proposals = await db.Proposals.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var progress = await db
            .ProposalProgress.Where(p => ids.Contains(p.ProposalId))
            .ToDictionaryAsync(p => p.ProposalId, ct);
        var moves = 0;
        foreach (var r in records)
        {
            var p = proposals[r.ProposalId!.Value];
            var implied = SyncRules.StageOf(r.Status, r.ViewedByClient);
            foreach (var to in SyncRules.Moves(p.Stage, r.SyncedStage, implied, r.ViewedByClient))
            {
                var at = SyncRules.FactTime(r.ModifiedAt, p.SentAt, now);
                db.ProposalStageChanges.Add(
                    new ProposalStageChange
                    {
                        ProposalId = p.Id,
                        From = p.Stage,
                        To = to,
                        At = at,
                        BySync = true,
                        Note = Clip(
                            $"marketplace: {r.Status}{(r.Reason is { } reason ? " (" + reason + ")" : "")}",
                            500
                        ),
                    }
                );
                if (!progress.TryGetValue(p.Id, out var row))
                {
                    row = db.ProposalProgress.Add(new ProposalProgress { ProposalId = p.Id }).Entity;
                    progress[p.Id] = row;
                }
                ProposalStages.Reach(row, to, at);
                Audit(AuditActions.ProposalStageChanged, p.Id, $"{p.Stage} → {to}: from the marketplace ({r.Status})");
                (p.Stage, p.StageFromSync, p.UpdatedAt) = (to, true, now);
                moves++;
            }
            r.SyncedStage = implied;
        }
        return moves;
    }

    private void Audit(string action, long proposalId, string details)
    {
        var e = audit.Add(action, "proposal", proposalId.ToString(CultureInfo.InvariantCulture), details);
        (e.ActorId, e.ActorName, e.IpAddress) = (null, Actor, null);
    }

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}
