using System.Reflection;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// Architecture: only the provider registry holds a driver itself; everything else in <c>services/</c> calls providers
/// through the wrapper the registry puts around every driver (<see cref="GatedDriver"/>: pacing, concurrency, outcomes),
/// so no caller can skip them. Every type of every services assembly is read — its fields, properties, signatures,
/// locals and the IL of its methods — for a driver (<see cref="ICloudDriver"/> or a concrete driver) or a driver
/// factory; a nested or compiler-made type (a lambda, an async method) counts as its outer type's.
/// </summary>
public sealed class DriverAccessTests
{
    /// <summary>The registry opens drivers through their factories and wraps them; the wrapper holds the one it wraps.</summary>
    private static readonly Type[] Holders = [typeof(ProviderRegistry), typeof(GatedDriver)];

    [Fact]
    public void Nothing_in_services_but_the_registry_and_its_wrapper_resolves_holds_or_calls_a_driver_itself()
    {
        var assemblies = ServicesAssemblies();

        var offences = assemblies.SelectMany(a => a.GetTypes()).Where(t => !Holders.Contains(Outermost(t))).SelectMany(Offences).ToList();

        Assert.True(offences.Count == 0, "raw driver access outside the registry:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_scan_finds_a_factory_resolved_and_a_driver_called_without_a_variable_of_either_type()
    {
        Assert.Contains(OffencesWithin(typeof(HoldsFactories)), o => o.Contains("ICloudDriverFactory", StringComparison.Ordinal));
        Assert.Contains(OffencesWithin(typeof(CallsThroughTheInterface)), o => o.Contains("ICloudDriver.ListRealmsAsync", StringComparison.Ordinal));
        Assert.Contains(OffencesWithin(typeof(ResolvesInALambda)), o => o.Contains("GetServices", StringComparison.Ordinal));
        Assert.Contains(OffencesWithin(typeof(ResolvesInALambda)), o => o.Contains("ICloudDriver.DestroyInstanceAsync", StringComparison.Ordinal));
        Assert.Empty(OffencesWithin(typeof(CallsTheWrapper)));
    }

    /// <summary>Every project under services/, loaded as this test run has it (the worker host from its build output).</summary>
    private static List<Assembly> ServicesAssemblies()
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var assemblies = new List<Assembly>();
        foreach (var project in Directory.GetDirectories(Path.Combine(root, "services")).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            try
            {
                assemblies.Add(Assembly.Load(new AssemblyName(project!)));
            }
            catch (FileNotFoundException)
            {
                var built = Path.Combine(root, "services", project!, "bin", configuration, "net10.0", project + ".dll");
                Assert.True(File.Exists(built), $"{built} does not exist: build the solution first");
                assemblies.Add(Assembly.LoadFrom(built));
            }
        }

        Assert.Contains(assemblies, a => a.GetName().Name == "CloudBroker.Worker");
        return assemblies;
    }

    /// <summary>The offences of a type and of the types nested in it (its lambdas' and async methods' among them).</summary>
    private static List<string> OffencesWithin(Type type) =>
        [.. Offences(type), .. type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(OffencesWithin)];

    private static IEnumerable<string> Offences(Type type)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(Declared).Where(f => IsRaw(f.FieldType)))
        {
            yield return $"{type.FullName}: field {field.Name} is a {Describe(field.FieldType)}";
        }

        foreach (var property in type.GetProperties(Declared).Where(p => IsRaw(p.PropertyType)))
        {
            yield return $"{type.FullName}: property {property.Name} is a {Describe(property.PropertyType)}";
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var signature = method.GetParameters().Select(p => p.ParameterType)
                .Concat(method is MethodInfo m ? [m.ReturnType] : [])
                .Concat(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
            if (signature.FirstOrDefault(IsRaw) is { } raw)
            {
                yield return $"{type.FullName}.{method.Name}: a parameter, return or local of type {Describe(raw)}";
            }

            foreach (var member in MethodBodyReferences.Of(method).Where(Names))
            {
                yield return $"{type.FullName}.{method.Name} uses {(member is Type used ? Describe(used) : $"{Describe(member.DeclaringType!)}.{member.Name}")}" +
                    (member is MethodInfo { IsGenericMethod: true } generic ? $"<{string.Join(", ", generic.GetGenericArguments().Select(Describe))}>" : "");
            }
        }
    }

    /// <summary>Whether a member a method body uses is a driver's or a factory's, or mentions one in its signature or type arguments.</summary>
    private static bool Names(MemberInfo member) => member switch
    {
        Type type => IsRaw(type),
        FieldInfo field => IsRaw(field.DeclaringType) || IsRaw(field.FieldType),
        MethodInfo method => IsRaw(method.DeclaringType) || IsRaw(method.ReturnType) || method.GetParameters().Any(p => IsRaw(p.ParameterType))
                             || (method.IsGenericMethod && method.GetGenericArguments().Any(IsRaw)),
        ConstructorInfo constructor => IsRaw(constructor.DeclaringType) || constructor.GetParameters().Any(p => IsRaw(p.ParameterType)),
        _ => false,
    };

    /// <summary>A driver other than the wrapper (<see cref="ICloudDriver"/> itself included), a driver factory, or a type built of one.</summary>
    private static bool IsRaw(Type? type) => type switch
    {
        null or { IsGenericParameter: true } => false,
        { HasElementType: true } => IsRaw(type.GetElementType()),
        { IsGenericType: true } when type.GetGenericArguments().Any(IsRaw) => true,
        _ => (typeof(ICloudDriver).IsAssignableFrom(type) && type != typeof(GatedDriver)) || typeof(ICloudDriverFactory).IsAssignableFrom(type),
    };

    private static string Describe(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudBroker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no CloudBroker.sln above {AppContext.BaseDirectory}");
    }

    // What the scan must catch (and what it must let through), kept here so the scan is shown to work.
    private sealed class HoldsFactories(IEnumerable<ICloudDriverFactory> factories)
    {
        public IEnumerable<ICloudDriverFactory> Factories => factories;
    }

    private static class CallsThroughTheInterface
    {
        public static Task<IReadOnlyList<Realm>> CallAsync(Provider provider) => ((ICloudDriver)provider.Driver!).ListRealmsAsync(CancellationToken.None);
    }

    private static class ResolvesInALambda
    {
        public static Func<IServiceProvider, ProviderContext, Task> Call { get; } =
            (services, context) => services.GetServices<ICloudDriverFactory>().First().Create(context).DestroyInstanceAsync("i-1", CancellationToken.None);
    }

    private static class CallsTheWrapper
    {
        public static Task<IReadOnlyList<Realm>> CallAsync(Provider provider) => provider.Driver!.ListRealmsAsync(CancellationToken.None);
    }
}
