using Microsoft.Extensions.Time.Testing;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Tests.Features.Drafts;

public sealed class TemplateDrafterTests
{
    private static DraftRequest Request(
        string body,
        ProofArtifact? proof = null,
        string bio = "I build payment back ends."
    ) =>
        new(
            new Posting
            {
                Id = "p1",
                Title = "Fix Stripe webhook retries",
                Skills = ["Stripe", "C#"],
            },
            ".NET backends",
            "Ada",
            new FreelancerProfile
            {
                UserId = "u",
                Skills = "C#, SQL",
                Bio = bio,
                HourlyRate = 65,
            },
            proof,
            new DraftTemplate { Name = "t", Body = body },
            new DraftingOptions()
        );

    [Fact]
    public async Task Fills_every_known_variable_from_the_job_the_profile_and_the_chosen_proof()
    {
        var drafter = new TemplateDrafter(new FakeTimeProvider());
        var proof = new ProofArtifact
        {
            UserId = "u",
            Label = "Payments demo",
            Url = "https://loom.com/share/x",
        };
        var result = await drafter.DraftAsync(
            Request(
                "Hi {{client_name}}, {{job_title}} needs {{job_skill}} ({{top_skill}}). {{bio}} {{hourly_rate}} "
                    + "{{proof_label}}: {{proof_link}} – {{freelancer_name}}, {{lane}}",
                proof
            ),
            default
        );

        Assert.Equal(
            "Hi there, Fix Stripe webhook retries needs C# (C#). I build payment back ends. $65/hour Payments demo: "
                + "https://loom.com/share/x – Ada, .NET backends",
            result.Text
        );
        Assert.Null(result.InputTokens);
    }

    [Fact]
    public void Variables_without_a_value_and_unknown_ones_stay_for_the_checks_to_flag()
    {
        var text = TemplateDrafter.Fill("See {{proof_link}} and {{budget}}.\n\n\n\n{{bio}}", Request("", bio: ""));
        Assert.Equal("See {{proof_link}} and {{budget}}.\n\n{{bio}}", text);
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("same text", "same text", 0)]
    [InlineData("flaw", "lawn", 2)]
    public void Edit_distance_is_the_levenshtein_distance(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
        Assert.Equal(expected, EditDistance.Between(b, a));
    }
}
