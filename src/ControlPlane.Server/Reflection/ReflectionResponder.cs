using Grpc.Core;
using Grpc.Reflection.V1;

namespace ControlPlane.Server.Reflection;

/// <summary>Answers one reflection request from the catalog; the protocol logic, free of any transport.</summary>
public sealed class ReflectionResponder(ReflectionCatalog catalog)
{
    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.AddRange(catalog.ServiceNames.Select(name => new ServiceResponse { Name = name }));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, catalog.FindFileByName(request.FileByFilename), $"file '{request.FileByFilename}' not found");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, catalog.FindFileContainingSymbol(request.FileContainingSymbol), $"symbol '{request.FileContainingSymbol}' not found");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                // The exposed protos are proto3 and declare no extensions.
                SetError(response, StatusCode.NotFound, "no extensions are defined");
                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "empty or unknown reflection request");
                break;
        }

        return response;
    }

    private static void SetFile(ServerReflectionResponse response, Google.Protobuf.Reflection.FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        response.FileDescriptorResponse = new FileDescriptorResponse();
        response.FileDescriptorResponse.FileDescriptorProto.AddRange(ReflectionCatalog.SerializeWithDependencies(file));
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
