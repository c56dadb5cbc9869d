namespace HitPredictor.TestData;

/// <summary>An upload the retraining must refuse, each for its own reason.</summary>
public enum BadUpload
{
    NotCsv,
    Empty,
    HeaderOnly,
    MissingColumns,
    MostRowsRejected,
    TooFewRows,
    OneTierOnly,
    OverSizeLimit,
}
