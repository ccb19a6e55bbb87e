"""What grpcurl does with `list`, `describe` and a call, done with python3-grpcio against a server's reflection.

  --server HOST:PORT --version v1|v1alpha
Prints `SERVICE <name>` for each listed service, `METHOD <full name> <input> <output>` for each method of
every service it could rebuild from the returned descriptors, and with --call-get-version the fields of a
dynamically built controlplane.v1.AdminService/GetVersion response as `FIELD <name> <value>`.
Exits non-zero with a message on stderr when anything does not resolve.
"""
import argparse
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def reflection_modules(version):
    if version == "v1":
        import reflection_v1_pb2 as pb2
        import reflection_v1_pb2_grpc as pb2_grpc
    else:
        import reflection_v1alpha_pb2 as pb2
        import reflection_v1alpha_pb2_grpc as pb2_grpc
    return pb2, pb2_grpc


def ask(stub, pb2, **request):
    responses = list(stub.ServerReflectionInfo(iter([pb2.ServerReflectionRequest(**request)]), timeout=10))
    response = responses[0]
    if response.HasField("error_response"):
        raise RuntimeError(f"reflection error {response.error_response.error_code}: {response.error_response.error_message}")
    return response


def message_class(pool, full_name):
    descriptor = pool.FindMessageTypeByName(full_name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--version", choices=["v1", "v1alpha"], required=True)
    parser.add_argument("--call-get-version", action="store_true")
    args = parser.parse_args()
    pb2, pb2_grpc = reflection_modules(args.version)
    with grpc.insecure_channel(args.server) as channel:
        stub = pb2_grpc.ServerReflectionStub(channel)
        services = [s.name for s in ask(stub, pb2, list_services="").list_services_response.service]
        pool = descriptor_pool.DescriptorPool()
        added = set()
        for name in services:
            print(f"SERVICE {name}", flush=True)
            files = ask(stub, pb2, file_containing_symbol=name).file_descriptor_response.file_descriptor_proto
            protos = [descriptor_pb2.FileDescriptorProto.FromString(data) for data in files]
            # Dependencies first: add a file only once everything it imports is in the pool.
            pending = [p for p in protos if p.name not in added]
            while pending:
                ready = [p for p in pending if all(d in added for d in p.dependency)]
                if not ready:
                    raise RuntimeError(f"unresolvable imports in {[p.name for p in pending]}")
                for proto in ready:
                    pool.Add(proto)
                    added.add(proto.name)
                pending = [p for p in pending if p.name not in added]
            service = pool.FindServiceByName(name)
            for method in service.methods:
                print(f"METHOD {method.full_name} {method.input_type.full_name} {method.output_type.full_name}", flush=True)
        if args.call_get_version:
            request_type = message_class(pool, "controlplane.v1.GetVersionRequest")
            response_type = message_class(pool, "controlplane.v1.GetVersionResponse")
            call = channel.unary_unary(
                "/controlplane.v1.AdminService/GetVersion",
                request_serializer=request_type.SerializeToString,
                response_deserializer=response_type.FromString)
            response = call(request_type(), timeout=10)
            for field, value in response.ListFields():
                print(f"FIELD {field.name} {str(value).strip()}", flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # the test prints this; a traceback adds nothing for the reader
        print(f"reflection_client: {error}", file=sys.stderr, flush=True)
        sys.exit(1)
