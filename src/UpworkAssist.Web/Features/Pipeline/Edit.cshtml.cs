using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// One proposal: its facts, its stage history, and (for its freelancer, a Lead or an Admin) stage and contract edits.
/// </summary>
public sealed class EditModel(
    AppDbContext db,
    ITemplateNames templateNames,
    ProposalStages stages,
    IValidator<EditModel.StageInput> stageRules,
    IValidator<EditModel.ContractInput> contractRules
) : PageModel
{
    public sealed record StageInput(ProposalStage? To, string? Note);

    public sealed record ContractInput(PostingType? Type, decimal? Value, decimal? Revenue);

    public sealed record HistoryRow(DateTimeOffset At, ProposalStage From, ProposalStage To, string By, string? Note);

    public sealed class StageRules : AbstractValidator<StageInput>
    {
        public StageRules()
        {
            RuleFor(i => i.To).NotNull().WithMessage("Choose a stage.");
            RuleFor(i => i.Note).MaximumLength(500).WithMessage("Use at most 500 characters.");
        }
    }

    public sealed class ContractRules : AbstractValidator<ContractInput>
    {
        public ContractRules()
        {
            RuleFor(i => i.Value)
                .InclusiveBetween(0, 100_000_000)
                .When(i => i.Value is not null)
                .WithMessage("Enter an amount from 0.");
            RuleFor(i => i.Revenue)
                .InclusiveBetween(0, 100_000_000)
                .When(i => i.Revenue is not null)
                .WithMessage("Enter an amount from 0.");
        }
    }

    [BindProperty]
    public StageInput Stage { get; set; } = new(null, null);

    [BindProperty]
    public ContractInput Contract { get; set; } = new(null, null, null);

    [BindProperty]
    public string? ReturnUrl { get; set; }

    public Proposal Proposal { get; private set; } = null!;
    public ProposalProgress? Progress { get; private set; }

    /// <summary>The marketplace's record of this proposal, when the sync has linked one.</summary>
    public MarketplaceProposal? Marketplace { get; private set; }
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public FilterChoices Choices { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Stage = new StageInput(Proposal.Stage, null);
        Contract = new ContractInput(Proposal.ContractType, Proposal.ContractValue, Proposal.RevenueEarned);
        return Page();
    }

    public async Task<IActionResult> OnPostStageAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        if (await stageRules.ValidateIntoAsync(Stage, ModelState, nameof(Stage), ct) && Stage.To != Proposal.Stage)
        {
            await stages.ChangeStageAsync(Proposal, Stage.To!.Value, Stage.Note, User, ct);
        }
        else if (ModelState.IsValid)
        {
            ModelState.AddModelError("Stage.To", $"The proposal is already at {Proposal.Stage}.");
        }
        if (!ModelState.IsValid)
        {
            Contract = new ContractInput(Proposal.ContractType, Proposal.ContractValue, Proposal.RevenueEarned);
            return Page();
        }
        return !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)
            ? LocalRedirect(ReturnUrl)
            : RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostContractAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        if (!await contractRules.ValidateIntoAsync(Contract, ModelState, nameof(Contract), ct))
        {
            Stage = new StageInput(Proposal.Stage, null);
            return Page();
        }
        await stages.UpdateContractAsync(Proposal, Contract.Type, Contract.Value, Contract.Revenue, User, ct);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var proposal = await ProposalAccess.Visible(db.Proposals, User).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null)
        {
            return false;
        }
        Proposal = proposal;
        CanEdit = ProposalAccess.CanEdit(User, proposal.FreelancerId);
        Progress = await db.ProposalProgress.AsNoTracking().FirstOrDefaultAsync(p => p.ProposalId == id, ct);
        Choices = await FilterChoices.LoadAsync(db, templateNames, User, ct);
        var changes = await db
            .ProposalStageChanges.AsNoTracking()
            .Where(c => c.ProposalId == id)
            .OrderBy(c => c.At)
            .ThenBy(c => c.Id)
            .ToListAsync(ct);
        var byIds = changes.Where(c => c.ById != null).Select(c => c.ById!).Distinct().ToList();
        var names = await db
            .Users.AsNoTracking()
            .Where(u => byIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        History = changes
            .Select(c => new HistoryRow(
                c.At,
                c.From,
                c.To,
                c.BySync ? SyncApply.Actor
                    : c.ById is null ? "system"
                    : names.GetValueOrDefault(c.ById, c.ById),
                c.Note
            ))
            .ToList();
        Marketplace = await db.MarketplaceProposals.AsNoTracking().FirstOrDefaultAsync(m => m.ProposalId == id, ct);
        return true;
    }
}
