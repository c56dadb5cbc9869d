using Microsoft.AspNetCore.Http;

namespace HitPredictor.Serving.Http;

/// <summary>The <c>explain</c> query parameter of <c>POST /api/score</c>: absent or <c>false</c> scores only; <c>true</c> explains too.</summary>
public static class ExplainQuery
{
    public const string Name = "explain";

    /// <summary>Whether explanations were asked for, or a 400 problem when the parameter is neither true nor false.</summary>
    public static bool TryRead(HttpRequest request, out bool explain, out ServingResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        explain = false;
        problem = null;
        if (!request.Query.TryGetValue(Name, out var values))
        {
            return true;
        }

        if (values.Count == 1 && bool.TryParse(values[0], out explain))
        {
            return true;
        }

        problem = Problems.BadRequest("The explain parameter is invalid.", $"Use ?{Name}=true to add explanations, or leave it out; got '{values}'.");
        return false;
    }
}
