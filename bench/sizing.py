#!/usr/bin/env python3
"""Measures the memory one session and one open answer stream cost the service (README, "Sizing").

Build a jar that contains the simulator first, then run this from the project root:

    ./mvnw package -DskipTests -Dgaia-simulator.enabled=true
    python3 bench/sizing.py [--sessions 10000] [--streams 1000] [--store memory|redis]

It starts two instances of that jar: one only plays Gaia (its simulator, answering one word every 30 s
so streams stay open), the other is measured, with the memory session store and its Gaia pointed at
the first. After a warm-up it takes the measured JVM's live heap (jcmd GC.run, then GC.heap_info) and
its RSS, logs in N times, measures again, opens M SSE streams and holds them open, measures again,
and prints the differences divided by N and M. With --store redis the sessions go to a Redis it starts
(redis-server on the PATH) and it reports Redis's used_memory per session too. Needs a JDK's jcmd.
"""
import argparse
import base64
import concurrent.futures
import json
import os
import re
import resource
import selectors
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

JAR = os.path.join("target", "quarkus-app", "quarkus-run.jar")
KEY = "gaia-demo-key"
QUESTION = {"datasetNames": ["northwind-handbook"], "queryString": "How do I claim travel expenses?"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(name, port, env):
    log = tempfile.NamedTemporaryFile(prefix=f"gaia-bff-sizing-{name}-", suffix=".log", delete=False)
    full_env = dict(os.environ, QUARKUS_HTTP_PORT=str(port), LOG_JSON="false", LOG_LEVEL="WARN",
                    GAIA_PROBE_INTERVAL="off", **env)
    process = subprocess.Popen(["java", "-jar", JAR], env=full_env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/q/health/ready", timeout=2) as r:
                if r.status == 200:
                    return process
        except Exception:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"{name} did not become ready; see {log.name}")


def post(port, path, body, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.loads(r.read() or b"null")


def login(port):
    return post(port, "/api/v1/login", {"api_key": KEY})["session_id"]


def live_memory(pid):
    """Live heap after a full GC, and the process's resident set, both in KiB."""
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    time.sleep(1)
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    heap = int(re.search(r"used (\d+)K", info).group(1))
    with open(f"/proc/{pid}/status") as status:
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", status.read()).group(1))
    return heap, rss


def open_streams(port, sessions):
    """One SSE answer stream per session, all requested at once, returned once the service says each is open
    (Gaia's status line arrived); they stay open while the simulator takes 30 s per word."""
    body = json.dumps(QUESTION).encode()
    pending = {}
    for session in sessions:
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall((f"POST /api/v1/ask/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Session-ID: {session}\r\n"
                   f"Content-Type: application/json\r\nAccept: text/event-stream\r\n"
                   f"Content-Length: {len(body)}\r\n\r\n").encode() + body)
        s.setblocking(False)
        pending[s] = b""
    opened = []
    with selectors.DefaultSelector() as selector:
        for s in pending:
            selector.register(s, selectors.EVENT_READ)
        deadline = time.time() + 120
        while pending and time.time() < deadline:
            for key, _ in selector.select(timeout=1):
                s = key.fileobj
                chunk = s.recv(4096)
                if not chunk:
                    raise RuntimeError("stream closed before it opened: " + pending[s].decode(errors="replace"))
                pending[s] += chunk
                if b"\r\n" in pending[s] and b" 200 " not in pending[s].split(b"\r\n", 1)[0]:
                    raise RuntimeError("a stream was refused: " + pending[s].decode(errors="replace"))
                if b": stream open" in pending[s]:
                    selector.unregister(s)
                    del pending[s]
                    opened.append(s)
    if pending:
        raise RuntimeError(f"{len(pending)} streams did not open within 120 s")
    return opened


def start_redis(port, directory):
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", directory], stdout=subprocess.DEVNULL)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            redis_memory(port)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit("redis-server did not start")


def redis_memory(port):
    """Redis's used_memory in bytes (INFO memory over RESP)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"*2\r\n$4\r\nINFO\r\n$6\r\nmemory\r\n")
        reply = b""
        while b"used_memory:" not in reply or not reply.endswith(b"\r\n\r\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
    return int(re.search(rb"used_memory:(\d+)", reply).group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10000)
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--store", choices=["memory", "redis"], default="memory")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # one socket per stream
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: ./mvnw package -DskipTests -Dgaia-simulator.enabled=true")

    gaia_port, port, redis_port = free_port(), free_port(), free_port()
    store = {"SESSION_STORE": "memory"}
    redis = None
    if args.store == "redis":
        redis = start_redis(redis_port, tempfile.mkdtemp(prefix="gaia-bff-sizing-redis-"))
        store = {"SESSION_STORE": "redis", "QUARKUS_REDIS_HOSTS": f"redis://127.0.0.1:{redis_port}",
                 "SESSION_ENCRYPTION_KEY": base64.b64encode(os.urandom(32)).decode(),
                 # Every stream is opened at the same moment: with the Redis client's default pool (6
                 # connections, 24 waiting) most would get 503 SESSION_STORE_UNAVAILABLE (README, "Sizing").
                 "QUARKUS_REDIS_MAX_POOL_SIZE": "32", "QUARKUS_REDIS_MAX_POOL_WAITING": str(args.streams + 100)}
    gaia = start("gaia", gaia_port, {"GAIA_SIMULATOR_STREAM_DELAY": "30s"})
    service = start("service", port, {
        "GAIA_BASE_URL": f"http://127.0.0.1:{gaia_port}/gaia-sim",
        **store,
        # One demo key for every login, all from 127.0.0.1: lift the limits meant for abuse.
        "SESSION_MAX_PER_KEY": "1000000", "RATE_LIMIT_LOGIN_PER_MINUTE": "100000000",
        "RATE_LIMIT_ASKS_PER_MINUTE": "100000000", "STREAM_MAX_CONCURRENT": str(max(1000, args.streams + 100)),
        # No load balancer to wait for: stop at once (the default keeps serving 5 s after SIGTERM).
        "SHUTDOWN_DELAY_SECONDS": "0",
    })
    streams = []
    try:
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            # Warm-up: class loading, JIT and lazily built caches are not what a session costs.
            warm = list(pool.map(lambda _: login(port), range(500)))
            for session in warm[:20]:
                post(port, "/api/v1/ask", QUESTION, {"X-Session-ID": session})
            for s in open_streams(port, warm[:20]):
                s.close()
            time.sleep(2)

            heap0, rss0 = live_memory(service.pid)
            redis0 = redis_memory(redis_port) if redis else 0
            sessions = list(pool.map(lambda _: login(port), range(args.sessions)))
            heap1, rss1 = live_memory(service.pid)
            redis1 = redis_memory(redis_port) if redis else 0

        streams = open_streams(port, [sessions[i % len(sessions)] for i in range(args.streams)])
        heap2, rss2 = live_memory(service.pid)

        print(f"baseline after warm-up: live heap {heap0 / 1024:.1f} MiB, RSS {rss0 / 1024:.1f} MiB")
        print(f"{args.sessions} sessions ({args.store} store): live heap +{(heap1 - heap0) / 1024:.1f} MiB "
              f"= {(heap1 - heap0) * 1024 / args.sessions:.0f} bytes per session; RSS +{(rss1 - rss0) / 1024:.1f} MiB")
        if redis:
            print(f"{args.sessions} sessions in Redis: used_memory +{(redis1 - redis0) / 1048576:.1f} MiB "
                  f"= {(redis1 - redis0) / args.sessions:.0f} bytes per session")
        print(f"{args.streams} open streams: live heap +{(heap2 - heap1) / 1024:.1f} MiB "
              f"= {(heap2 - heap1) * 1024 / args.streams / 1024:.1f} KiB per stream; RSS +{(rss2 - rss1) / 1024:.1f} MiB "
              f"= {(rss2 - rss1) / args.streams:.1f} KiB per stream")
    finally:
        for s in streams:
            s.close()
        for process in (service, gaia, redis):
            if process is None:
                continue
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
