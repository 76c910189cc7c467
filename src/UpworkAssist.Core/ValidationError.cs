namespace UpworkAssist.Core;

/// <summary>
/// One problem with input: where (a path such as "[17].client.totalSpent" or
/// "includeKeywords[2]"; empty for the whole document) and what.
/// </summary>
public sealed record ValidationError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";

    /// <summary>
    /// The one-line form the CLI prints, e.g. "jobs.json: [17].client.totalSpent: expected a number".
    /// </summary>
    public string ToString(string fileName) => $"{fileName}: {this}";
}

/// <summary>Thrown when input fails validation; carries every error found (at least one).</summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException()
        : this([new ValidationError("", "invalid input")]) { }

    public InvalidInputException(string message)
        : this([new ValidationError("", message)]) { }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ValidationError("", message)];
    }

    public InvalidInputException(IReadOnlyList<ValidationError> errors)
        : base(errors.Count > 0 ? errors[0].ToString() : "invalid input")
    {
        Errors = errors;
    }

    public IReadOnlyList<ValidationError> Errors { get; }
}
