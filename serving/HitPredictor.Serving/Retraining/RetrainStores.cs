using HitPredictor.Serving.Storage;

namespace HitPredictor.Serving.Retraining;

/// <summary>Everything a retraining run reads and writes, in one storage account (or one folder).</summary>
public sealed record RetrainStores(IModelStore Models, IReportStore Reports, IDatasetIndex Datasets, IRetrainLock Lock);
