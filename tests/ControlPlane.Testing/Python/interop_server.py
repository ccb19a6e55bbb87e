"""grpc.testing.TestService on python3-grpcio (C-core): the independent server our client is tested against.

Usage: interop_server.py [--tls --cert CERT_PEM --key KEY_PEM]
Listens on 127.0.0.1 on a free port (cleartext HTTP/2, or TLS with the given certificate) and prints
"LISTENING <port>" once it accepts calls. Behaviour follows the gRPC interop test descriptions:
- UnaryCall answers with response_size zero bytes, gzip-compressed when response_compressed is set, and ends
  with response_status when its code is not 0.
- StreamingOutputCall, FullDuplexCall and HalfDuplexCall send one response per response_parameters entry, waiting
  interval_us before each; FullDuplexCall answers each request as it arrives, HalfDuplexCall after the last.
- UnaryCall and FullDuplexCall echo x-grpc-test-echo-initial as initial and x-grpc-test-echo-trailing-bin as
  trailing metadata.
Extra knob for tests: EmptyCall sleeps for the milliseconds in request metadata x-interop-sleep-ms (stopping early
if the call is cancelled), so a client deadline can pass while the server is busy.
"""

import argparse
import time
from concurrent import futures

import grpc

import empty_pb2
import messages_pb2
import test_pb2_grpc

ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"
SLEEP_MS = "x-interop-sleep-ms"

STATUS_BY_CODE = {status.value[0]: status for status in grpc.StatusCode}


def echo_metadata(context):
    received = dict(context.invocation_metadata())
    if ECHO_INITIAL in received:
        context.send_initial_metadata(((ECHO_INITIAL, received[ECHO_INITIAL]),))
    if ECHO_TRAILING in received:
        context.set_trailing_metadata(((ECHO_TRAILING, received[ECHO_TRAILING]),))


def abort_if_requested(response_status, context):
    if response_status.code != 0:
        context.abort(STATUS_BY_CODE[response_status.code], response_status.message)


def payload(size):
    return messages_pb2.Payload(body=bytes(size))


def stream_responses(response_parameters, context):
    for parameters in response_parameters:
        if parameters.interval_us > 0:
            time.sleep(parameters.interval_us / 1_000_000)
        if not context.is_active():
            return
        yield messages_pb2.StreamingOutputCallResponse(payload=payload(parameters.size))


class TestService(test_pb2_grpc.TestServiceServicer):
    def EmptyCall(self, request, context):
        sleep_ms = int(dict(context.invocation_metadata()).get(SLEEP_MS, "0"))
        deadline = time.monotonic() + sleep_ms / 1000
        while time.monotonic() < deadline and context.is_active():
            time.sleep(0.01)
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        echo_metadata(context)
        if request.response_compressed.value:
            context.set_compression(grpc.Compression.Gzip)
        abort_if_requested(request.response_status, context)
        return messages_pb2.SimpleResponse(payload=payload(request.response_size))

    def StreamingOutputCall(self, request, context):
        yield from stream_responses(request.response_parameters, context)
        abort_if_requested(request.response_status, context)

    def StreamingInputCall(self, request_iterator, context):
        size = sum(len(request.payload.body) for request in request_iterator)
        return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=size)

    def FullDuplexCall(self, request_iterator, context):
        echo_metadata(context)
        for request in request_iterator:
            abort_if_requested(request.response_status, context)
            yield from stream_responses(request.response_parameters, context)

    def HalfDuplexCall(self, request_iterator, context):
        requests = list(request_iterator)
        for request in requests:
            abort_if_requested(request.response_status, context)
            yield from stream_responses(request.response_parameters, context)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    arguments = parser.parse_args()

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32))
    test_pb2_grpc.add_TestServiceServicer_to_server(TestService(), server)
    if arguments.tls:
        with open(arguments.key, "rb") as key, open(arguments.cert, "rb") as cert:
            credentials = grpc.ssl_server_credentials([(key.read(), cert.read())])
        port = server.add_secure_port("127.0.0.1:0", credentials)
    else:
        port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"LISTENING {port}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
