using System.Text.Json;
using System.Text.Json.Serialization;
using CloudBroker.Api.Models;
using CloudBroker.Hosting;
using CloudBroker.Problems;

namespace CloudBroker.Api.Http;

/// <summary>
/// Source-generated JSON for every wire shape. Requests with properties the shape does not have are
/// refused (no mass assignment), and so are properties given twice. The HTTP options repeat these settings
/// (<see cref="ApiServiceExtensions"/>).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ApiRoot))]
[JsonSerializable(typeof(PoolModel))]
[JsonSerializable(typeof(Page<PoolModel>))]
[JsonSerializable(typeof(PoolRequest))]
[JsonSerializable(typeof(SizeModel))]
[JsonSerializable(typeof(Page<SizeModel>))]
[JsonSerializable(typeof(SizeRequest))]
[JsonSerializable(typeof(IReadOnlyList<SizeMatchModel>))]
[JsonSerializable(typeof(ImageFamilyModel))]
[JsonSerializable(typeof(Page<ImageFamilyModel>))]
[JsonSerializable(typeof(ImageFamilyRequest))]
[JsonSerializable(typeof(ProviderModel))]
[JsonSerializable(typeof(Page<ProviderModel>))]
[JsonSerializable(typeof(ProviderRequest))]
[JsonSerializable(typeof(ProviderTestModel))]
[JsonSerializable(typeof(Page<RealmModel>))]
[JsonSerializable(typeof(Page<ImageModel>))]
[JsonSerializable(typeof(Page<HardwareProfileModel>))]
[JsonSerializable(typeof(Page<InstanceModel>))]
[JsonSerializable(typeof(Page<KeyModel>))]
[JsonSerializable(typeof(Page<InstanceEventModel>))]
[JsonSerializable(typeof(Page<ReconciliationModel>))]
[JsonSerializable(typeof(Page<AuditEntryModel>))]
[JsonSerializable(typeof(Page<UsageIntervalModel>))]
[JsonSerializable(typeof(ReconciliationModel))]
[JsonSerializable(typeof(InstanceModel))]
[JsonSerializable(typeof(OperationModel))]
[JsonSerializable(typeof(KeyModel))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(CreateInstanceRequest))]
[JsonSerializable(typeof(UpdateInstanceRequest))]
[JsonSerializable(typeof(InstanceStatesModel))]
[JsonSerializable(typeof(TenantModel))]
[JsonSerializable(typeof(Page<TenantModel>))]
[JsonSerializable(typeof(TenantRequest))]
[JsonSerializable(typeof(GroupModel))]
[JsonSerializable(typeof(Page<GroupModel>))]
[JsonSerializable(typeof(GroupRequest))]
[JsonSerializable(typeof(UserModel))]
[JsonSerializable(typeof(Page<UserModel>))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(ApiKeyModel))]
[JsonSerializable(typeof(Page<ApiKeyModel>))]
[JsonSerializable(typeof(CreatedApiKeyModel))]
[JsonSerializable(typeof(ApiKeyRequest))]
[JsonSerializable(typeof(MeModel))]
[JsonSerializable(typeof(QuotaModel))]
[JsonSerializable(typeof(Page<QuotaModel>))]
[JsonSerializable(typeof(PutQuotaRequest))]
[JsonSerializable(typeof(QuotaUsageModel))]
[JsonSerializable(typeof(PriceBookRequest))]
[JsonSerializable(typeof(PriceBookVersionRequest))]
[JsonSerializable(typeof(PriceBookModel))]
[JsonSerializable(typeof(Page<PriceBookModel>))]
[JsonSerializable(typeof(PriceBookVersionModel))]
[JsonSerializable(typeof(Page<ChargeModel>))]
[JsonSerializable(typeof(ProblemTypeModel))]
[JsonSerializable(typeof(IReadOnlyList<ProblemTypeModel>))]
[JsonSerializable(typeof(HealthModel))]
[JsonSerializable(typeof(IReadOnlyList<FieldError>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
internal sealed partial class BrokerJsonContext : JsonSerializerContext;
