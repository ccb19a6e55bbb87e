"""Applies a workflow file through controlplane.v1.WorkflowService with python3-grpcio (C-core), an independent client.

Usage: apply_workflow.py ADDRESS FILE_NAME PATH
Prints "APPLIED <revision id> <created>" on success; on an error status prints "CODE <name>", the message as
"MESSAGE <line>" lines and, from the grpc-status-details-bin trailer, "VIOLATION <field> <reason>" lines.
"""
import sys

import grpc

from controlplane.v1 import workflows_pb2, workflows_pb2_grpc
from google.rpc import error_details_pb2, status_pb2


def main(address, file_name, path):
    with open(path, encoding="utf-8") as source_file:
        source = source_file.read()
    with grpc.insecure_channel(address) as channel:
        stub = workflows_pb2_grpc.WorkflowServiceStub(channel)
        try:
            response = stub.ApplyWorkflow(workflows_pb2.ApplyWorkflowRequest(file_name=file_name, source=source), timeout=60)
        except grpc.RpcError as error:
            print("CODE", error.code().name)
            for line in error.details().split("\n"):
                print("MESSAGE", line)
            for key, value in error.trailing_metadata() or ():
                if key == "grpc-status-details-bin":
                    status = status_pb2.Status.FromString(value)
                    for detail in status.details:
                        bad_request = error_details_pb2.BadRequest()
                        if detail.Unpack(bad_request):
                            for violation in bad_request.field_violations:
                                print("VIOLATION", violation.field, violation.reason)
            return 0
        print("APPLIED", response.revision.id, response.created)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
