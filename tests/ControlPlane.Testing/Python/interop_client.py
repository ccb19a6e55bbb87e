"""The grpc.testing interop client cases, run one per invocation against a server under test.

Usage: interop_client.py --server HOST:PORT --case NAME [--tls --ca PEM [--server-host-override NAME]]
Prints "PASS <case>" and exits 0 on success; prints "FAIL <case>: <reason>" to stderr and exits 1 otherwise.
Case semantics follow grpc/grpc doc/interop-test-descriptions.md; idle_bidi, concurrent_streams and
oversized_request are ControlPlane additions that exercise transport limits.
"""

import argparse
import queue
import sys
import time

import grpc

import empty_pb2
import messages_pb2
import test_pb2_grpc

TIMEOUT = 30  # seconds; every call has a deadline so that a broken server fails the case instead of hanging it


class CaseFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


def zeros(size):
    return messages_pb2.Payload(body=b"\0" * size)


def expect_status(code, call, *, details=None):
    """Runs call(); it must fail with the given status code (and details, when given)."""
    try:
        call()
    except grpc.RpcError as error:
        check(error.code() == code, f"expected {code}, got {error.code()}: {error.details()!r}")
        if details is not None:
            check(error.details() == details, f"expected details {details!r}, got {error.details()!r}")
        return error
    raise CaseFailed(f"expected {code}, but the call succeeded")


class RequestQueue:
    """A request iterator fed one message at a time, for ping-pong style streams."""

    _END = object()

    def __init__(self):
        self._queue = queue.Queue()

    def put(self, request):
        self._queue.put(request)

    def close(self):
        self._queue.put(self._END)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is self._END:
            raise StopIteration
        return item


def empty_unary(channel, stub):
    response = stub.EmptyCall(empty_pb2.Empty(), timeout=TIMEOUT)
    check(isinstance(response, empty_pb2.Empty), f"unexpected response {response!r}")


def large_unary(channel, stub):
    request = messages_pb2.SimpleRequest(response_size=314159, payload=zeros(271828))
    response = stub.UnaryCall(request, timeout=TIMEOUT)
    check(response.payload.body == b"\0" * 314159, f"payload of {len(response.payload.body)} bytes, expected 314159 zeros")


def client_streaming(channel, stub):
    requests = [messages_pb2.StreamingInputCallRequest(payload=zeros(size)) for size in (27182, 8, 1828, 45904)]
    response = stub.StreamingInputCall(iter(requests), timeout=TIMEOUT)
    check(response.aggregated_payload_size == 74922, f"aggregated {response.aggregated_payload_size}, expected 74922")


def server_streaming(channel, stub):
    sizes = [31415, 9, 2653, 58979]
    request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=size) for size in sizes])
    received = [len(response.payload.body) for response in stub.StreamingOutputCall(request, timeout=TIMEOUT)]
    check(received == sizes, f"received sizes {received}, expected {sizes}")


def ping_pong(channel, stub):
    requests = RequestQueue()
    responses = stub.FullDuplexCall(requests, timeout=TIMEOUT)
    for response_size, payload_size in ((31415, 27182), (9, 8), (2653, 1828), (58979, 45904)):
        requests.put(messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=response_size)], payload=zeros(payload_size)))
        response = next(responses)
        check(len(response.payload.body) == response_size, f"response of {len(response.payload.body)} bytes, expected {response_size}")
    requests.close()
    check(next(responses, None) is None, "the server sent more responses than requested")


def empty_stream(channel, stub):
    responses = list(stub.FullDuplexCall(iter([]), timeout=TIMEOUT))
    check(responses == [], f"expected no responses, got {len(responses)}")


def cancel_after_begin(channel, stub):
    requests = RequestQueue()  # never fed: the call is cancelled before any message
    future = stub.StreamingInputCall.future(requests, timeout=TIMEOUT)
    future.cancel()
    requests.close()
    check(future.cancelled(), "the call was not cancelled")
    check(future.code() == grpc.StatusCode.CANCELLED, f"expected CANCELLED, got {future.code()}")


def cancel_after_first_response(channel, stub):
    requests = RequestQueue()
    responses = stub.FullDuplexCall(requests, timeout=TIMEOUT)
    requests.put(messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=31415)], payload=zeros(27182)))
    check(len(next(responses).payload.body) == 31415, "wrong first response")
    responses.cancel()
    requests.close()
    expect_status(grpc.StatusCode.CANCELLED, lambda: next(responses))


def timeout_on_sleeping_server(channel, stub):
    # As specified: a 1 ms deadline (the client may expire it before the server sees the call), then one long
    # enough for the server to be holding the stream open when the deadline passes.
    for timeout in (0.001, 0.5):
        requests = RequestQueue()
        responses = stub.FullDuplexCall(requests, timeout=timeout)
        requests.put(messages_pb2.StreamingOutputCallRequest(payload=zeros(27182)))
        expect_status(grpc.StatusCode.DEADLINE_EXCEEDED, lambda: list(responses))
        requests.close()


ECHO_INITIAL = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
ECHO_TRAILING = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")


def check_echoed(call):
    initial = dict(call.initial_metadata())
    trailing = dict(call.trailing_metadata())
    check(initial.get(ECHO_INITIAL[0]) == ECHO_INITIAL[1], f"initial metadata {initial!r} lacks {ECHO_INITIAL!r}")
    check(trailing.get(ECHO_TRAILING[0]) == ECHO_TRAILING[1], f"trailing metadata {trailing!r} lacks {ECHO_TRAILING!r}")


def custom_metadata(channel, stub):
    metadata = (ECHO_INITIAL, ECHO_TRAILING)
    request = messages_pb2.SimpleRequest(response_size=314159, payload=zeros(271828))
    response, call = stub.UnaryCall.with_call(request, metadata=metadata, timeout=TIMEOUT)
    check(len(response.payload.body) == 314159, "wrong unary response")
    check_echoed(call)

    stream_request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=314159)], payload=zeros(271828))
    responses = stub.FullDuplexCall(iter([stream_request]), metadata=metadata, timeout=TIMEOUT)
    check([len(r.payload.body) for r in responses] == [314159], "wrong streaming responses")
    check_echoed(responses)


def check_status_echo(stub, message):
    status = messages_pb2.EchoStatus(code=2, message=message)
    expect_status(grpc.StatusCode.UNKNOWN,
                  lambda: stub.UnaryCall(messages_pb2.SimpleRequest(response_status=status), timeout=TIMEOUT),
                  details=message)
    responses = stub.FullDuplexCall(iter([messages_pb2.StreamingOutputCallRequest(response_status=status)]), timeout=TIMEOUT)
    expect_status(grpc.StatusCode.UNKNOWN, lambda: list(responses), details=message)


def status_code_and_message(channel, stub):
    check_status_echo(stub, "test status message")


def special_status_message(channel, stub):
    check_status_echo(stub, "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n")


def unimplemented_service(channel, stub):
    other = test_pb2_grpc.UnimplementedServiceStub(channel)
    expect_status(grpc.StatusCode.UNIMPLEMENTED, lambda: other.UnimplementedCall(empty_pb2.Empty(), timeout=TIMEOUT))


def unimplemented_method(channel, stub):
    expect_status(grpc.StatusCode.UNIMPLEMENTED, lambda: stub.UnimplementedCall(empty_pb2.Empty(), timeout=TIMEOUT))


def client_compressed_unary(channel, stub):
    def request(expect_compressed):
        return messages_pb2.SimpleRequest(
            response_size=314159, payload=zeros(271828), expect_compressed=messages_pb2.BoolValue(value=expect_compressed))

    # The probe: a server that can tell must refuse an uncompressed message that claims to be compressed.
    expect_status(grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.UnaryCall(request(True), timeout=TIMEOUT))
    response = stub.UnaryCall(request(True), compression=grpc.Compression.Gzip, timeout=TIMEOUT)
    check(len(response.payload.body) == 314159, "wrong response to the compressed request")
    response = stub.UnaryCall(request(False), timeout=TIMEOUT)
    check(len(response.payload.body) == 314159, "wrong response to the uncompressed request")


def idle_bidi(channel, stub):
    # Longer than Kestrel's 5 s grace period for its minimum request body data rate.
    requests = RequestQueue()
    responses = stub.FullDuplexCall(requests, timeout=TIMEOUT)
    for round_number in range(2):
        requests.put(messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=10)], payload=zeros(10)))
        check(len(next(responses).payload.body) == 10, f"wrong response in round {round_number}")
        if round_number == 0:
            time.sleep(11)
    requests.close()
    check(next(responses, None) is None, "the server sent more responses than requested")


def concurrent_streams(channel, stub):
    count = 150
    request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=100) for _ in range(3)])
    calls = [stub.StreamingOutputCall(request, timeout=TIMEOUT) for _ in range(count)]
    for index, call in enumerate(calls):
        sizes = [len(r.payload.body) for r in call]
        check(sizes == [100, 100, 100], f"server-streaming call {index} received {sizes}")

    streams = []
    for _ in range(count):
        requests = RequestQueue()
        streams.append((requests, stub.FullDuplexCall(requests, timeout=TIMEOUT)))
    for index, (requests, responses) in enumerate(streams):
        requests.put(messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=index + 1)]))
        check(len(next(responses).payload.body) == index + 1, f"bidi call {index} got a wrong response")
        requests.close()
        check(next(responses, None) is None, f"bidi call {index} got an extra response")


def oversized_request(channel, stub):
    request = messages_pb2.SimpleRequest(response_size=1, payload=zeros(4 * 1024 * 1024 + 1))
    expect_status(grpc.StatusCode.RESOURCE_EXHAUSTED, lambda: stub.UnaryCall(request, timeout=TIMEOUT))
    # The connection survives a refused message.
    stub.EmptyCall(empty_pb2.Empty(), timeout=TIMEOUT)


CASES = {case.__name__: case for case in (
    empty_unary, large_unary, client_streaming, server_streaming, ping_pong, empty_stream, cancel_after_begin,
    cancel_after_first_response, timeout_on_sleeping_server, custom_metadata, status_code_and_message,
    special_status_message, unimplemented_service, unimplemented_method, client_compressed_unary, idle_bidi,
    concurrent_streams, oversized_request)}


def create_channel(args):
    if not args.tls:
        return grpc.insecure_channel(args.server)
    with open(args.ca, "rb") as ca:
        credentials = grpc.ssl_channel_credentials(root_certificates=ca.read())
    options = [("grpc.ssl_target_name_override", args.server_host_override)] if args.server_host_override else []
    return grpc.secure_channel(args.server, credentials, options=options)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="host:port")
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--ca", help="PEM file of the CA to trust (with --tls)")
    parser.add_argument("--server-host-override", help="name to check the server certificate against")
    args = parser.parse_args()
    if args.tls and not args.ca:
        parser.error("--tls needs --ca")

    with create_channel(args) as channel:
        stub = test_pb2_grpc.TestServiceStub(channel)
        try:
            CASES[args.case](channel, stub)
        except CaseFailed as failure:
            print(f"FAIL {args.case}: {failure}", file=sys.stderr)
            return 1
        except grpc.RpcError as error:
            print(f"FAIL {args.case}: unexpected {error.code()}: {error.details()!r}", file=sys.stderr)
            return 1
    print(f"PASS {args.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
