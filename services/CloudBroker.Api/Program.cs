using CloudBroker.Api.Http;
using CloudBroker.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudBroker();
builder.AddBrokerApi();

var app = builder.Build();
app.UseBrokerApi();
app.MapBrokerApis();
app.Run();
