using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// A proposal's group in each breakdown as a small number: an index into the table's lane, person
/// and template lists, the day number of its week's Monday, and each band's position in its list
/// (<see cref="ProposalMetrics.BudgetTiers"/> and the rest).
/// </summary>
public readonly record struct GroupCodes(
    int Lane,
    int Person,
    int Template,
    int Week,
    byte Tier,
    byte PostAge,
    byte Applicants,
    byte Edit
);
