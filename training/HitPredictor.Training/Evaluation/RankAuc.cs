namespace HitPredictor.Training.Evaluation;

/// <summary>Area under the ROC curve from scores and labels (Mann-Whitney, ties counted half).</summary>
public static class RankAuc
{
    /// <summary>The chance that a random positive scores above a random negative; NaN when either side is empty.</summary>
    public static double Of(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                if (positive[order[k]])
                {
                    positiveRankSum += rank;
                    positives++;
                }
            }

            start = end + 1;
        }

        long negatives = scores.Count - positives;
        return positives == 0 || negatives == 0
            ? double.NaN
            : (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
