using HitPredictor.Functions;
using HitPredictor.Serving;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddHitPredictorLogDefaults();
AppServices.Configure(builder.Services, builder.Configuration);
builder.Build().Run();
