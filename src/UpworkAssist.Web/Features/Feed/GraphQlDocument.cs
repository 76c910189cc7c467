namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// Reads just enough of a GraphQL document to know its operation types, so the client can refuse
/// anything but a query before it touches the network. Comments, strings, whitespace and commas
/// are skipped; a document it cannot read is refused too.
/// </summary>
public static class GraphQlDocument
{
    public static bool IsQueryOnly(string? document, out string reason)
    {
        reason = "";
        if (string.IsNullOrWhiteSpace(document))
        {
            reason = "The document is empty.";
            return false;
        }
        var s = document;
        int i = 0,
            braces = 0,
            parens = 0,
            operations = 0;
        var expectDefinition = true;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < s.Length && s[i] is not '\n' and not '\r')
                {
                    i++;
                }
            }
            else if (c == '"')
            {
                i = SkipString(s, i);
                if (i < 0)
                {
                    reason = "The document has an unterminated string.";
                    return false;
                }
            }
            else if (c is '(' or '[')
            {
                parens++;
                i++;
            }
            else if (c is ')' or ']')
            {
                parens--;
                i++;
            }
            else if (c == '{' && parens == 0)
            {
                if (braces == 0 && expectDefinition)
                {
                    operations++; // the `{ … }` shorthand is a query
                }
                expectDefinition = false;
                braces++;
                i++;
            }
            else if (c == '}' && parens == 0)
            {
                braces--;
                if (braces < 0)
                {
                    reason = "The document's braces do not balance.";
                    return false;
                }
                expectDefinition = braces == 0;
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }
                if (braces == 0 && parens == 0 && expectDefinition)
                {
                    var word = s[start..i];
                    switch (word)
                    {
                        case "query":
                            operations++;
                            break;
                        case "fragment":
                            break;
                        default:
                            // Mutations, subscriptions and anything unknown: this client only ever reads.
                            reason = $"Only queries are sent to the marketplace; this document starts with '{word}'.";
                            return false;
                    }
                    expectDefinition = false;
                }
            }
            else
            {
                i++;
            }
        }
        if (braces != 0 || parens != 0)
        {
            reason = "The document's brackets do not balance.";
            return false;
        }
        if (operations == 0)
        {
            reason = "The document has no query.";
            return false;
        }
        return true;
    }

    // Returns the index after the string, or -1 when it never ends.
    private static int SkipString(string s, int i)
    {
        if (string.CompareOrdinal(s, i, "\"\"\"", 0, 3) == 0)
        {
            var end = s.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
            return end < 0 ? -1 : end + 3;
        }
        for (var j = i + 1; j < s.Length; j++)
        {
            if (s[j] == '\\')
            {
                j++;
            }
            else if (s[j] == '"')
            {
                return j + 1;
            }
            else if (s[j] is '\n' or '\r')
            {
                return -1;
            }
        }
        return -1;
    }
}
