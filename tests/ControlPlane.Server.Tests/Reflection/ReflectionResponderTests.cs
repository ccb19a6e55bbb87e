using ControlPlane.Server.Hosting;
using ControlPlane.Server.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;

namespace ControlPlane.Server.Tests.Reflection;

public class ReflectionResponderTests
{
    private readonly ReflectionResponder _responder = new(new ReflectionCatalog(ServerHost.ExposedServices));

    [Fact]
    public void List_services_names_every_exposed_service()
    {
        var response = _responder.Answer(new ServerReflectionRequest { ListServices = "" });

        Assert.Equal(
            ["controlplane.v1.AdminService", "controlplane.v1.NotificationService", "controlplane.v1.RunService", "controlplane.v1.RunnerService", "controlplane.v1.StatsService", "controlplane.v1.WorkflowService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            response.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Theory]
    [InlineData("controlplane.v1.AdminService")]
    [InlineData("controlplane.v1.AdminService.GetVersion")]
    [InlineData("controlplane.v1.GetVersionResponse")]
    [InlineData("controlplane.v1.RunService.StreamLogs")]
    [InlineData("controlplane.v1.WorkflowService")]
    [InlineData("grpc.health.v1.HealthCheckResponse.ServingStatus")]
    public void A_symbol_resolves_to_its_file_with_every_dependency_so_a_client_can_build_it(string symbol)
    {
        var response = _responder.Answer(new ServerReflectionRequest { FileContainingSymbol = symbol });

        var files = FileDescriptor.BuildFromByteStrings(response.FileDescriptorResponse.FileDescriptorProto.Reverse());
        Assert.Contains(files, f => f.Services.Any(s => s.FullName == symbol || s.Methods.Any(m => m.FullName == symbol))
            || f.MessageTypes.Any(m => m.FullName == symbol || m.EnumTypes.Any(e => e.FullName == symbol)));
    }

    [Fact]
    public void A_file_is_found_by_its_name()
    {
        var response = _responder.Answer(new ServerReflectionRequest { FileByFilename = "google/protobuf/timestamp.proto" });

        Assert.Single(response.FileDescriptorResponse.FileDescriptorProto);
    }

    [Fact]
    public void An_unknown_symbol_is_answered_with_NOT_FOUND_in_the_stream_not_a_failed_call()
    {
        var response = _responder.Answer(new ServerReflectionRequest { FileContainingSymbol = "no.Such" });

        Assert.Equal((int)global::Grpc.Core.StatusCode.NotFound, response.ErrorResponse.ErrorCode);
        Assert.Contains("no.Such", response.ErrorResponse.ErrorMessage, StringComparison.Ordinal);
    }
}
