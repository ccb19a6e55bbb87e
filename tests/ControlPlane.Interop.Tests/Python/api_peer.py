"""A python3-grpcio (C-core) client of cp-server: what an internal tool in another language does.

  health ADDRESS SERVICE            Check; prints "STATUS <name>" and, when given, "REASON <cp-health-reason>"
  list ADDRESS TOKEN                ListWorkflows with "authorization: Bearer TOKEN" ("-" sends none); "WORKFLOWS <n>"
  apply ADDRESS TOKEN NAME PATH     ApplyWorkflow; "APPLIED <revision> <created>", or the error (below)
  runner ADDRESS REG_TOKEN NAME SECONDS
                                    Register, then a Connect stream with a deadline of SECONDS: prints
                                    "REGISTERED <id>", the kind of each server message as "RECEIVED <kind>", and at the
                                    end "ELAPSED <seconds>"
An error status prints "CODE <name>", the message as "MESSAGE <line>" lines and, from grpc-status-details-bin,
"VIOLATION <field> <reason>" (google.rpc.BadRequest) and "DIAGNOSTIC <code> <line>:<column> <field path>"
(controlplane.v1.WorkflowDiagnostics). Exit code 0 whenever the call got an answer.
"""
import importlib.util
import os
import queue
import sys
import time

import grpc

from controlplane.v1 import runner_pb2, runner_pb2_grpc, types_pb2, workflows_pb2, workflows_pb2_grpc
from google.rpc import error_details_pb2, status_pb2


def health_module():
    # Generated as grpc/health/v1/health_pb2.py, a path the installed grpc package shadows; load it by file.
    path = os.path.join(os.path.dirname(workflows_pb2.__file__), "..", "..", "grpc", "health", "v1", "health_pb2.py")
    spec = importlib.util.spec_from_file_location("cp_health_pb2", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def metadata(token):
    return [] if token == "-" else [("authorization", "Bearer " + token)]


def print_error(error):
    print("CODE", error.code().name)
    for line in (error.details() or "").split("\n"):
        print("MESSAGE", line)
    for key, value in error.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            bad_request = error_details_pb2.BadRequest()
            diagnostics = types_pb2.WorkflowDiagnostics()
            if detail.Unpack(bad_request):
                for violation in bad_request.field_violations:
                    print("VIOLATION", violation.field, violation.reason)
            elif detail.Unpack(diagnostics):
                for d in diagnostics.diagnostics:
                    print("DIAGNOSTIC", d.code, f"{d.line}:{d.column}", d.field_path)


def health(channel, service):
    pb = health_module()
    check = channel.unary_unary(
        "/grpc.health.v1.Health/Check",
        request_serializer=pb.HealthCheckRequest.SerializeToString,
        response_deserializer=pb.HealthCheckResponse.FromString)
    response, call = check.with_call(pb.HealthCheckRequest(service=service), timeout=30)
    print("STATUS", pb.HealthCheckResponse.ServingStatus.Name(response.status))
    for key, value in call.trailing_metadata() or ():
        if key == "cp-health-reason":
            print("REASON", value)


def list_workflows(channel, token):
    stub = workflows_pb2_grpc.WorkflowServiceStub(channel)
    response = stub.ListWorkflows(workflows_pb2.ListWorkflowsRequest(), metadata=metadata(token), timeout=30)
    print("WORKFLOWS", len(response.workflows))


def apply(channel, token, name, path):
    with open(path, encoding="utf-8") as source_file:
        source = source_file.read()
    stub = workflows_pb2_grpc.WorkflowServiceStub(channel)
    response = stub.ApplyWorkflow(workflows_pb2.ApplyWorkflowRequest(file_name=name, source=source), metadata=metadata(token), timeout=60)
    print("APPLIED", response.revision.id, response.created)


def runner(channel, registration_token, name, seconds):
    stub = runner_pb2_grpc.RunnerServiceStub(channel)
    registered = stub.Register(runner_pb2.RegisterRequest(
        registration_token=registration_token, name=name, labels=["python"], capacity=1, agent_version="python-peer"), timeout=30)
    print("REGISTERED", registered.runner_id, flush=True)
    outbox = queue.Queue()
    outbox.put(runner_pb2.ConnectRequest(hello=runner_pb2.RunnerHello(labels=["python"], capacity=1, agent_version="python-peer")))

    def requests():
        while True:
            message = outbox.get()
            if message is None:
                return
            yield message

    started = time.monotonic()
    responses = stub.Connect(requests(), metadata=metadata(registered.runner_token), timeout=float(seconds))
    try:
        for response in responses:
            print("RECEIVED", response.WhichOneof("message"), flush=True)
    finally:
        print("ELAPSED", f"{time.monotonic() - started:.2f}", flush=True)
        outbox.put(None)


def main(command, address, *rest):
    with grpc.insecure_channel(address) as channel:
        try:
            if command == "health":
                health(channel, rest[0] if rest else "")
            elif command == "list":
                list_workflows(channel, rest[0])
            elif command == "apply":
                apply(channel, *rest[:3])
            elif command == "runner":
                runner(channel, *rest[:3])
            else:
                print(f"unknown command {command}", file=sys.stderr)
                return 2
        except grpc.RpcError as error:
            print_error(error)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
