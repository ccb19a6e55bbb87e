"""Load generator for the gRPC benchmark: python3-grpcio as the client side of a measurement.

Prints one line `RESULT <operations> <seconds>` and exits 0.
  --mode unary  sequential UnaryCall round trips (each waits for the previous one)
  --mode bidi   messages through one FullDuplexCall: requests streamed as fast as the stream takes them,
                every response read; an operation is one request answered by one response
"""
import argparse
import threading
import time

import grpc

import messages_pb2
import test_pb2_grpc


def run_unary(stub, seconds):
    request = messages_pb2.SimpleRequest(response_size=0)
    for _ in range(200):  # warm-up
        stub.UnaryCall(request)
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        stub.UnaryCall(request)
        count += 1
        if count % 100 == 0 and time.perf_counter() >= deadline:
            break
    return count, time.perf_counter() - start


def run_bidi(stub, seconds, total):
    request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=0)])
    stop = threading.Event()

    def requests():
        sent = 0
        while sent < total and not stop.is_set():
            yield request
            sent += 1

    start = time.perf_counter()
    received = 0
    deadline = start + seconds
    for _ in stub.FullDuplexCall(requests()):
        received += 1
        if received % 1000 == 0 and time.perf_counter() >= deadline:
            stop.set()
            break
    return received, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--mode", choices=["unary", "bidi"], required=True)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--messages", type=int, default=10_000_000)
    args = parser.parse_args()
    with grpc.insecure_channel(args.server) as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        stub = test_pb2_grpc.TestServiceStub(channel)
        if args.mode == "unary":
            count, elapsed = run_unary(stub, args.seconds)
        else:
            count, elapsed = run_bidi(stub, args.seconds, args.messages)
    print(f"RESULT {count} {elapsed:.6f}", flush=True)


if __name__ == "__main__":
    main()
