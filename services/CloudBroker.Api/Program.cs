using CloudBroker.Api.Http;
using CloudBroker.Hosting;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddCloudBroker(BrokerHost.Api, args);
    builder.AddBrokerApi();
}
catch (BrokerConfigurationException ex)
{
    return await StartRefusal.ReportAsync(ex);
}

var app = builder.Build();
app.UseBrokerApi();
app.MapBrokerApis();
return await app.RunBrokerAsync(args);
