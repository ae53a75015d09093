#!/usr/bin/env python3
"""The benchmark's measuring and reporting helpers (standard library only), called by bench/run.

Every figure is recorded into one state file, bench/out/facts.json, as it is measured; `report`
turns it into bench/out/results.json and the table, checks that the run is valid (exit 1 if not)
and, in full mode, says which goals are met.

  put KEY VALUE [--string]           record a value (JSON if it parses, else a string); KEY is dotted
  wrk NAME OUTPUT CPU_BEFORE CPU_AFTER   record one wrk run (its BENCH_JSON line, per-core CPU use)
  ready URL T0_NS TIMEOUT_S [--pid]  poll URL until it answers 200; print ms since T0_NS (wall clock)
  sse ...                            time first events and gaps of answer streams (see --help)
  logins ...                         open sessions with distinct keys as fast as a few connections can
  histogram-total FILE               live heap in bytes: the Total of a jcmd GC.class_histogram
  sessions URL                       print the readiness session count and the metrics gauge as JSON
  histo-diff BEFORE AFTER            the classes that grew most between two GC.class_histogram dumps
  report smoke|full                  write results.json, print the table; exit 1 if the run is invalid
  machine                            the machine description, as Markdown for bench/RESULTS.md
"""
import argparse
import asyncio
import codecs
import http.client
import json
import math
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

OUT = os.environ.get("BENCH_OUT") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "out")
FACTS = os.path.join(OUT, "facts.json")


# ---------------------------------------------------------------- state

def load():
    if os.path.exists(FACTS):
        with open(FACTS) as f:
            return json.load(f)
    return {}


def save(facts):
    tmp = FACTS + ".tmp"
    with open(tmp, "w") as f:
        json.dump(facts, f, indent=2, sort_keys=True)
    os.replace(tmp, FACTS)


def put(facts, key, value):
    node = facts
    parts = key.split(".")
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    node[parts[-1]] = value


def get(facts, key, default=None):
    node = facts
    for p in key.split("."):
        if not isinstance(node, dict) or p not in node:
            return default
        node = node[p]
    return node


def cmd_put(a):
    facts = load()
    value = a.value
    if not a.string:
        try:
            value = json.loads(a.value)
        except ValueError:
            pass
    put(facts, a.key, value)
    save(facts)


def append(key, value):
    facts = load()
    lst = get(facts, key) or []
    lst.append(value)
    put(facts, key, lst)
    save(facts)


# ---------------------------------------------------------------- wrk

def read_cpu(path):
    """Per-core (busy, steal, total) jiffies from a copy of /proc/stat's cpuN lines. Steal is time the
    hypervisor gave the core to another machine: it counts as busy, as the core was not ours to use."""
    cores = {}
    with open(path) as f:
        for line in f:
            fields = line.split()
            if not re.fullmatch(r"cpu\d+", fields[0]):
                continue
            values = [int(v) for v in fields[1:]]
            idle = values[3] + (values[4] if len(values) > 4 else 0)
            steal = values[7] if len(values) > 7 else 0
            total = sum(values[:8])
            cores[fields[0]] = (total - idle, steal, total)
    return cores


def cpu_use(before, after):
    """Per core, the per cent of the run it was busy, and the per cent the hypervisor took (steal)."""
    b, a = read_cpu(before), read_cpu(after)
    busy_pct, steal_pct = {}, {}
    for core in a:
        if core in b:
            total = a[core][2] - b[core][2]
            busy_pct[core] = round(100.0 * (a[core][0] - b[core][0]) / total, 1) if total > 0 else None
            steal_pct[core] = round(100.0 * (a[core][1] - b[core][1]) / total, 1) if total > 0 else None
    return busy_pct, steal_pct


def cmd_wrk(a):
    result = None
    with open(a.output) as f:
        text = f.read()
    for line in text.splitlines():
        if line.startswith("BENCH_JSON "):
            result = json.loads(line[len("BENCH_JSON "):])
    facts = load()
    if result is None:
        put(facts, "http." + a.name, {"failed": "no BENCH_JSON line in wrk's output: " + text[-500:]})
        save(facts)
        print("wrk run %s printed no result:\n%s" % (a.name, text), file=sys.stderr)
        sys.exit(1)
    seconds = result["duration_us"] / 1e6
    lat = result["latency_us"]
    busy, steal = cpu_use(a.cpu_before, a.cpu_after)
    record = {
        "requests": result["requests"],
        "seconds": round(seconds, 3),
        "rps": round(result["requests"] / seconds, 1) if seconds > 0 else 0.0,
        "p50_ms": lat["p50"] / 1000.0,
        "p90_ms": lat["p90"] / 1000.0,
        "p99_ms": lat["p99"] / 1000.0,
        "p999_ms": lat["p999"] / 1000.0,
        "max_ms": lat["max"] / 1000.0,
        "mean_ms": round(lat["mean"] / 1000.0, 3),
        "errors": result["errors"],
        "error_count": sum(result["errors"].values()),
        "cpu_busy_percent": busy,
        "cpu_steal_percent": steal,
    }
    put(facts, "http." + a.name, record)
    save(facts)
    print("  %-28s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  cpu %s  steal %s" % (
        a.name, record["rps"], record["p50_ms"], record["p99_ms"], record["error_count"],
        " ".join("%s=%s%%" % (k, v) for k, v in sorted(busy.items())),
        " ".join("%s=%s%%" % (k, v) for k, v in sorted(steal.items()))))


# ---------------------------------------------------------------- readiness

def http_status(host, port, path, timeout=1.0):
    s = socket.create_connection((host, port), timeout=timeout)
    try:
        s.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nConnection: close\r\n\r\n" % (path, host, port)).encode())
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    finally:
        s.close()


def cmd_ready(a):
    m = re.match(r"http://([^:/]+):(\d+)(/.*)", a.url)
    host, port, path = m.group(1), int(m.group(2)), m.group(3)
    deadline = time.time() + a.timeout
    while time.time() < deadline:
        if a.pid and not os.path.exists("/proc/%d" % a.pid):
            print("the process %d exited before %s answered 200" % (a.pid, a.url), file=sys.stderr)
            sys.exit(1)
        try:
            if http_status(host, port, path) == 200:
                print("%.1f" % ((time.time_ns() - a.t0_ns) / 1e6))
                return
        except (OSError, ValueError, IndexError):
            pass
        time.sleep(0.005)
    print("not ready after %ss: %s" % (a.timeout, a.url), file=sys.stderr)
    sys.exit(1)


# ---------------------------------------------------------------- SSE

def parse_frames(buf, t, events):
    """Moves complete SSE frames from buf into events as (time, event name, data); returns the rest."""
    while True:
        end = buf.find("\n\n")
        if end < 0:
            return buf
        frame, buf = buf[:end], buf[end + 2:]
        name, data = "message", []
        for line in frame.split("\n"):
            if line.startswith(":"):
                continue
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:][1:] if line[5:].startswith(" ") else line[5:])
        if data:
            events.append((t, name, "\n".join(data)))


def one_stream(host, port, path, headers, body):
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        t0 = time.perf_counter()
        conn.request("POST", path, body=body, headers=headers)
        resp = conn.getresponse()
        if resp.status != 200:
            return {"error": "HTTP %d: %s" % (resp.status, resp.read()[:300].decode("utf-8", "replace"))}
        ctype = resp.getheader("Content-Type", "")
        if not ctype.startswith("text/event-stream"):
            return {"error": "Content-Type %r" % ctype}
        events, buf = [], ""
        decoder = codecs.getincrementaldecoder("utf-8")()
        while True:
            data = resp.read1(65536)
            t = time.perf_counter()
            if not data:
                break
            buf = parse_frames((buf + decoder.decode(data)).replace("\r\n", "\n"), t, events)
        return {"t0": t0, "events": events}
    finally:
        conn.close()


def pct(values, p):
    """Nearest-rank percentile."""
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))
    return s[k]


def summarize(values):
    if not values:
        return None
    return {"n": len(values), "p50_ms": round(pct(values, 50), 3), "p90_ms": round(pct(values, 90), 3),
            "p99_ms": round(pct(values, 99), 3), "max_ms": round(max(values), 3),
            "mean_ms": round(statistics.fmean(values), 3)}


def cmd_sse(a):
    body = json.dumps({"datasetNames": ["engineering-docs"], "queryString": "When do backups run?"}).encode()
    base = {"Content-Type": "application/json", "Accept": "text/event-stream"}
    targets = {
        "stub": (a.stub_port, a.stub_path, dict(base, apiKey="bench-key")),
        "nginx": (a.nginx_port, "/api/v1/ask/stream", dict(base, **{"X-Session-ID": a.sid})),
        "service": (a.service_port, "/api/v1/ask/stream", dict(base, **{"X-Session-ID": a.sid})),
    }
    expected = a.events + 1  # the stub's words and its final event
    ttfe = {k: [] for k in targets}
    gaps = {k: [] for k in targets}
    failures = []
    for i in range(a.warmup + a.count):
        for name, (port, path, headers) in targets.items():  # interleaved, so drift hits all three alike
            try:
                r = one_stream("127.0.0.1", port, path, headers, body)
            except OSError as e:
                r = {"error": repr(e)}
            if "error" in r:
                failures.append("%s stream %d: %s" % (name, i, r["error"]))
                continue
            events = r["events"]
            relayed = [e for e in events if e[1] not in ("done", "error")]
            problems = []
            if len(relayed) != expected:
                problems.append("%d of %d events" % (len(relayed), expected))
            if any(e[1] == "error" for e in events):
                problems.append("an error event: " + [e[2] for e in events if e[1] == "error"][0][:200])
            if name == "service" and (not events or events[-1][1] != "done"):
                problems.append("no final done event")
            if problems:
                failures.append("%s stream %d: %s" % (name, i, "; ".join(problems)))
                continue
            if i < a.warmup:
                continue
            ttfe[name].append((relayed[0][0] - r["t0"]) * 1000.0)
            gaps[name].extend((relayed[j][0] - relayed[j - 1][0]) * 1000.0 for j in range(1, len(relayed)))
    result = {"streams": a.count, "events_per_stream": expected, "gap_ms_at_stub": a.gap_ms,
              "failures": failures[:20], "failure_count": len(failures)}
    for name in targets:
        result[name] = {"ttfe": summarize(ttfe[name]), "gap": summarize(gaps[name])}
    facts = load()
    put(facts, "sse", result)
    save(facts)
    for name in targets:
        t, g = result[name]["ttfe"], result[name]["gap"]
        if t and g:
            print("  sse %-8s first event p50 %6.2f ms p99 %6.2f ms | gap p50 %6.2f ms p99 %6.2f ms" % (
                name, t["p50_ms"], t["p99_ms"], g["p50_ms"], g["p99_ms"]))
    for f in failures[:5]:
        print("  sse FAILED " + f, file=sys.stderr)
    if failures:
        sys.exit(1)


# ---------------------------------------------------------------- logins

async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length, chunked = 0, False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            body += await reader.readexactly(size)
            await reader.readexactly(2)
        return status, body
    return status, (await reader.readexactly(length)) if length else b""


async def login_all(port, count, concurrency, prefix):
    counter = iter(range(count))
    statuses = {}
    first_failure = []

    async def worker():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for i in counter:
                body = json.dumps({"api_key": "%s-%07d" % (prefix, i)}).encode()
                writer.write(b"POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
                status, payload = await read_response(reader)
                statuses[status] = statuses.get(status, 0) + 1
                if status != 200 and not first_failure:
                    first_failure.append("HTTP %d: %s" % (status, payload[:300].decode("utf-8", "replace")))
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return statuses, time.perf_counter() - t0, first_failure


def cmd_logins(a):
    statuses, seconds, first_failure = asyncio.run(login_all(a.port, a.count, a.concurrency, a.prefix))
    ok = statuses.get(200, 0)
    result = {"attempted": a.count, "ok": ok, "statuses": {str(k): v for k, v in statuses.items()},
              "seconds": round(seconds, 2), "per_second": round(a.count / seconds, 1),
              "first_failure": first_failure[0] if first_failure else None}
    facts = load()
    put(facts, a.record, result)
    save(facts)
    print("  %d logins in %.1f s (%.0f/s), %d answered 200" % (a.count, seconds, a.count / seconds, ok))
    if ok != a.count:
        print("  logins FAILED: statuses %s; first: %s" % (statuses, result["first_failure"]), file=sys.stderr)
        sys.exit(1)


# ---------------------------------------------------------------- heap and sessions

def cmd_histogram_total(a):
    with open(a.file) as f:
        for line in f:
            if line.startswith("Total"):
                print(int(line.split()[2]))
                return
    print("no Total line in %s" % a.file, file=sys.stderr)
    sys.exit(1)


def cmd_sessions(a):
    with urllib.request.urlopen(a.url + "/q/health/ready", timeout=10) as r:
        health = json.load(r)
    count = None
    for check in health.get("checks", []):
        if check.get("name") == "session-store":
            count = check.get("data", {}).get("sessions")
    with urllib.request.urlopen(a.url + "/q/metrics", timeout=10) as r:
        metrics = r.read().decode()
    gauge = None
    for line in metrics.splitlines():
        if line.startswith("bff_sessions_active"):
            value = float(line.rsplit(" ", 1)[1])
            gauge = None if math.isnan(value) else int(value)   # NaN: not counted yet, or the store is down
    print(json.dumps({"readiness": count, "gauge": gauge}))


def read_histogram(path):
    classes = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
            if m:
                classes[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return classes


def cmd_histo_diff(a):
    before, after = read_histogram(a.before), read_histogram(a.after)
    grown = []
    for name, (n, b) in after.items():
        n0, b0 = before.get(name, (0, 0))
        if b - b0 > 0:
            grown.append((b - b0, n - n0, name))
    grown.sort(reverse=True)
    rows = [{"class": name, "instances": dn, "bytes": db} for db, dn, name in grown[:a.top]]
    facts = load()
    put(facts, "sessions.histogram_growth", rows)
    save(facts)
    for r in rows:
        print("  %12d bytes %9d instances  %s" % (r["bytes"], r["instances"], r["class"]))


# ---------------------------------------------------------------- machine

def first_line(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        text = (p.stdout + p.stderr).strip()
        return text
    except (OSError, subprocess.SubprocessError):
        return "(not available)"


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    os_name = platform.platform()
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    java = os.environ.get("BENCH_JAVA_BIN") or "java"
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gib": round(mem_kb / 1048576.0, 1),
        "os": os_name,
        "kernel": platform.release(),
        "java_version": first_line([java, "-version"]),
        "nginx_version": first_line([os.environ.get("BENCH_NGINX_BIN") or "nginx", "-v"]),
        "wrk_version": first_line(["wrk", "-v"]).split("\n")[0],
        "python_version": platform.python_version(),
    }


def machine_markdown(m):
    lines = [
        "| | |", "|---|---|",
        "| `nproc` | %s |" % m["nproc"],
        "| CPU | %s |" % m["cpu_model"],
        "| memory | %s GiB |" % m["memory_gib"],
        "| OS | %s, kernel %s |" % (m["os"], m["kernel"]),
        "| java | %s |" % m["java_version"].replace("\n", "<br>"),
        "| nginx | %s |" % m["nginx_version"],
        "| wrk | %s |" % m["wrk_version"],
        "| python3 | %s |" % m["python_version"],
    ]
    return "\n".join(lines)


def cmd_machine(a):
    print(machine_markdown(machine()))


# ---------------------------------------------------------------- report

MIB = 1048576.0
# A virtual machine's core may be given to another guest for a while (steal time in /proc/stat). At a
# few per cent it is noise; above this, a run measured the host's neighbours as much as the service.
STEAL_WARNING_PCT = 5.0


def fmt(v, unit=""):
    if v is None:
        return "—"
    if isinstance(v, float):
        if abs(v) >= 1000:
            return "%.0f%s" % (v, unit)
        if abs(v) >= 100:
            return "%.1f%s" % (v, unit)
        return "%.2f%s" % (v, unit)
    return "%s%s" % (v, unit)


def ratio(ours, theirs):
    if not isinstance(ours, (int, float)) or not isinstance(theirs, (int, float)) or theirs == 0:
        return None
    return round(ours / theirs, 3)


def cmd_report(a):
    facts = load()
    full = a.mode == "full"
    floor = a.target == "floor"
    name = "floor" if floor else "gaia-bff"
    figures = []   # name, ours, nginx, ratio, unit, goal text, goal met
    problems = []
    diagnostics = []
    warnings = []

    def fig(key, label, ours, yardstick=None, unit="", goal=None, met=None, note=None, with_ratio=True):
        figures.append({"key": key, "figure": label, "ours": ours, "yardstick": yardstick,
                        "ratio": ratio(ours, yardstick) if with_ratio else None, "unit": unit, "goal": goal,
                        "met": met if goal else None, "note": note})
        if ours is None:
            problems.append("missing figure: " + label)

    # HTTP. The core the service (and the yardstick) ran on, and the cores of the load side.
    svc_core = get(facts, "pin.service_core") or "cpu0"
    load_cores = get(facts, "pin.load_cores") or []

    def only(cpu, cores):
        return {k: v for k, v in cpu.items() if k in cores and v is not None}

    routes = [("datasets", "GET /datasets"), ("ask", "POST /ask")]
    if floor:
        routes.append(("ask_vertx", "POST /ask, Vert.x client"))
    for route, label in routes:
        for load_name, load_label in (("saturation", "saturation"), ("light", "light load")):
            s = get(facts, "http.service_%s_%s" % (route, load_name)) or {}
            n = get(facts, "http.nginx_%s_%s" % (route, load_name)) or {}
            for run_name, run in (("service", s), ("nginx", n)):
                if not run:
                    problems.append("missing wrk run: %s %s %s" % (run_name, route, load_name))
                elif "failed" in run:
                    problems.append("wrk run failed: %s %s %s" % (run_name, route, load_name))
                else:
                    if run.get("requests", 0) <= 0:
                        problems.append("no requests completed: %s %s %s" % (run_name, route, load_name))
                    if run.get("error_count", 0) > 0:
                        problems.append("%s %s %s: errors %s (status = non-2xx answers)" % (
                            run_name, route, load_name, run["errors"]))
            rps_ratio = ratio(s.get("rps"), n.get("rps"))
            if load_name == "saturation":
                fig("%s.%s.rps" % (route, load_name), "%s %s req/s" % (label, load_label), s.get("rps"), n.get("rps"),
                    goal=">= 0.5 x nginx", met=rps_ratio is not None and rps_ratio >= 0.5)
            else:
                fig("%s.%s.rps" % (route, load_name), "%s %s req/s" % (label, load_label), s.get("rps"), n.get("rps"))
            fig("%s.%s.p50" % (route, load_name), "%s %s p50" % (label, load_label), s.get("p50_ms"), n.get("p50_ms"), " ms")
            p99 = s.get("p99_ms")
            if load_name == "light":
                fig("%s.%s.p99" % (route, load_name), "%s %s p99" % (label, load_label), p99, n.get("p99_ms"), " ms",
                    goal="<= 1.5 ms", met=p99 is not None and p99 <= 1.5)
            else:
                fig("%s.%s.p99" % (route, load_name), "%s %s p99" % (label, load_label), p99, n.get("p99_ms"), " ms")
            for run_name, run in ((name, s), ("nginx", n)):
                cpu = only(run.get("cpu_busy_percent") or {}, [svc_core] + load_cores)
                steal = run.get("cpu_steal_percent") or {}
                if cpu:
                    diagnostics.append("%-8s %s %-10s CPU busy: %s" % (run_name, label, load_label, ", ".join(
                        "%s%s %s%%%s" % (k, " (service)" if k == svc_core else "", v,
                                         " (steal %s%%)" % steal[k] if steal.get(k) else "")
                        for k, v in sorted(cpu.items()))))
                # At light load wrk and the stub need a few per cent of a core, nginx too: a core much
                # busier than that was doing someone else's work, and every figure of the run is noisy.
                busy = {k: v for k, v in cpu.items() if v > 40.0 and (k != svc_core or run_name == "nginx")}
                load_busy = list(only(cpu, load_cores).values())
                if load_name == "saturation" and run_name == "nginx" and load_busy and max(load_busy) >= 90.0:
                    warnings.append("at %s saturation the load side was %s%% busy while nginx ran: its requests/s may be "
                                    "limited by wrk and the stub, not by nginx, which flatters the ratio" % (
                                        label, max(load_busy)))
                stolen = (run.get("cpu_steal_percent") or {}).get(svc_core)
                if stolen is not None and stolen >= STEAL_WARNING_PCT:
                    warnings.append("the hypervisor took %s%% of the service's core (steal time) during the %s %s %s "
                                    "run: that run's figures are low and noisy; rerun when the host is quieter" % (
                                        stolen, run_name, label, load_label))
                if load_name == "light" and busy:
                    warnings.append("the machine was busy with other work during the %s %s light-load run (%s): "
                                    "figures are noisy" % (run_name, label, ", ".join(
                                        "%s %s%%" % (k, v) for k, v in sorted(busy.items()))))

    def start_to_ready():
        starts = get(facts, "start.ready_ms") or []
        median_start = statistics.median(starts) if starts else None
        fig("start.ready", "JVM start to ready (median of %d)" % len(starts), median_start / 1000.0 if starts else None,
            unit=" s", goal="<= 1.0 s", met=median_start is not None and median_start <= 1000.0)

    if floor:
        start_to_ready()
        rss_load = get(facts, "rss.after_load_kb")
        fig("rss.after_load", "RSS after load", rss_load / 1024.0 if rss_load else None, unit=" MiB")
        return report(facts, figures, problems, diagnostics, warnings, a.mode, name)

    # SSE
    sse = facts.get("sse") or {}
    if not sse:
        problems.append("missing SSE figures")
    elif sse.get("failure_count"):
        problems.append("SSE: %d streams failed, e.g. %s" % (sse["failure_count"], (sse.get("failures") or ["?"])[0]))

    def sse_val(target, what, p):
        v = ((sse.get(target) or {}).get(what) or {})
        return v.get(p)

    def sub(x, y):
        return None if x is None or y is None else round(x - y, 3)

    for p in ("p50_ms", "p99_ms"):
        stub, ng, sv = sse_val("stub", "ttfe", p), sse_val("nginx", "ttfe", p), sse_val("service", "ttfe", p)
        added, added_ng = sub(sv, stub), sub(ng, stub)
        tag = p[:3]
        fig("sse.ttfe.%s" % tag, "SSE first event %s (stub direct: %s)" % (tag, fmt(stub, " ms")), sv, ng, " ms")
        if tag == "p50":
            fig("sse.ttfe_added.%s" % tag, "SSE first event %s added over the stub" % tag, added, added_ng, " ms",
                goal="<= 2 ms", met=added is not None and added <= 2.0, with_ratio=False)
        else:
            fig("sse.ttfe_added.%s" % tag, "SSE first event %s added over the stub" % tag, added, added_ng, " ms",
                with_ratio=False)
    gap_devs = []
    for p in ("p50_ms", "p99_ms"):
        stub, ng, sv = sse_val("stub", "gap", p), sse_val("nginx", "gap", p), sse_val("service", "gap", p)
        tag = p[:3]
        dev = sub(sv, stub)
        gap_devs.append(dev)
        fig("sse.gap.%s" % tag, "SSE inter-arrival %s (stub direct: %s)" % (tag, fmt(stub, " ms")), sv, ng, " ms")
        fig("sse.gap_vs_stub.%s" % tag, "SSE inter-arrival %s minus the stub's" % tag, dev, sub(ng, stub), " ms",
            goal="within 5 ms", met=dev is not None and abs(dev) <= 5.0, with_ratio=False)

    # Start, memory
    start_to_ready()
    quarkus = get(facts, "start.quarkus_started_s") or []
    fig("start.quarkus", "Quarkus's own \"started in\" (median)", statistics.median(quarkus) if quarkus else None,
        unit=" s")
    rss_start, rss_load = get(facts, "rss.after_start_kb"), get(facts, "rss.after_load_kb")
    rss_sessions = get(facts, "rss.after_sessions_kb")
    fig("rss.after_start", "RSS after start", rss_start / 1024.0 if rss_start else None, unit=" MiB")
    rss_end, rss_peak = get(facts, "rss.end_of_load_kb"), get(facts, "rss.peak_kb")
    fig("rss.end_of_load", "RSS the moment the load stops", rss_end / 1024.0 if rss_end else None, unit=" MiB")
    # The goal is 200 MB: decimal megabytes, 190.7 MiB.
    fig("rss.after_load", "RSS after load (idle 10 s)", rss_load / 1024.0 if rss_load else None, unit=" MiB",
        goal="<= 200 MB (190.7 MiB)", met=rss_load is not None and rss_load * 1024 <= 200e6)
    fig("rss.peak", "RSS peak over the run (VmHWM)", rss_peak / 1024.0 if rss_peak else None, unit=" MiB")
    fig("rss.after_sessions", "RSS after the session logins (fresh instance)", rss_sessions / 1024.0 if rss_sessions else None,
        unit=" MiB")

    # Sessions
    sess = facts.get("sessions") or {}
    n = sess.get("count")
    before, after = sess.get("heap_before_bytes"), sess.get("heap_after_bytes")
    live_before, live_after = sess.get("live_before"), sess.get("live_after")
    per = None
    if n and before is not None and after is not None:
        per = (after - before) / float(n)
        if per <= 0:
            problems.append("sessions: the live heap did not grow over %d logins (%d -> %d bytes)" % (n, before, after))
        if live_before is None or live_after is None or live_after - live_before != n:
            problems.append("sessions: readiness counted %s -> %s live sessions, not +%d" % (live_before, live_after, n))
        if sess.get("gauge_after") != live_after:
            problems.append("sessions: gauge bff_sessions_active %s != readiness count %s" % (
                sess.get("gauge_after"), live_after))
    else:
        problems.append("missing session heap figures")
    fig("sessions.per_session", "heap per live session (%s sessions measured)" % n, round(per) if per else None,
        unit=" B")
    fig("sessions.per_100k", "heap for 100k live sessions", per * 100000 / MIB if per else None, unit=" MiB",
        goal="<= 100 MiB", met=per is not None and per * 100000 / MIB <= 100.0)
    return report(facts, figures, problems, diagnostics, warnings, a.mode, name, n)


def report(facts, figures, problems, diagnostics, warnings, mode, name, n=None):
    """Writes results.json and prints the table; exits 1 if the run is not valid."""
    full = mode == "full"
    facts["figures"] = figures
    facts["problems"] = problems
    facts["diagnostics"] = diagnostics
    facts["warnings"] = warnings
    facts["mode"] = mode
    facts["valid"] = not problems
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(facts, f, indent=2, sort_keys=True)

    # The table
    w = max(len(x["figure"]) for x in figures) + 2
    svc = facts.get("service") or {}
    flags = svc.get("vm_flags") or ""

    def flag(name):
        m = re.search(r"-XX:%s=(\d+)" % name, flags)
        return "%.0f MiB" % (int(m.group(1)) / MIB) if m else "?"
    java_line = ((facts.get("machine") or {}).get("java_version") or "?").split("\n")[0]
    print()
    print("command: %s   (%s, commit %s)" % (facts.get("command"), facts.get("started_at"), facts.get("git_commit")))
    print("pinning: %s" % facts.get("pinning"))
    print("JVM: %s; %s; heap initial %s, max %s; extra flags: %s" % (
        java_line, (svc.get("gc") or "?").replace("Use", ""), flag("InitialHeapSize"), flag("MaxHeapSize"),
        svc.get("java_opts") or "none"))
    print()
    print("%-*s %14s %14s %8s   %s" % (w, "figure", name, "nginx", "ratio", "goal" if full else ""))
    print("-" * (w + 60))
    for x in figures:
        ours = x["ours"] if isinstance(x["ours"], str) else fmt(x["ours"], x["unit"])
        yard = x["yardstick"] if isinstance(x["yardstick"], str) else fmt(x["yardstick"], x["unit"])
        goal = ""
        if x["goal"] and full:
            goal = "%s: %s" % (x["goal"], "met" if x["met"] else "NOT MET")
        elif x["goal"]:
            goal = "(goal %s; smoke numbers are not results)" % x["goal"]
        print("%-*s %14s %14s %8s   %s" % (w, x["figure"], ours, yard if x["yardstick"] is not None else "",
                                          "%.3f" % x["ratio"] if x["ratio"] is not None else "", goal))
    print()
    print("CPU use during each saturation / light run (the service's core ran the service or the yardstick; the others the stub and wrk):")
    for d in diagnostics:
        print("  " + d)
    growth = get(facts, "sessions.histogram_growth") or []
    if growth:
        print("heap growth over the session logins, largest classes (bench/out/service/histogram-*.txt):")
        for g in growth[:6]:
            print("  %10.1f B/session  %s" % (g["bytes"] / float(n or 1), g["class"]))
    print()
    for w in warnings:
        print("WARNING: " + w)
    if full:
        goals = [x for x in figures if x["goal"]]
        print("goals met: %d of %d" % (sum(1 for x in goals if x["met"]), len(goals)))
    if problems:
        print("THE RUN IS NOT VALID:")
        for p in problems:
            print("  - " + p)
        sys.exit(1)
    print("run valid: every request answered 2xx, %severy figure present" % ("" if name == "floor" else "every stream complete, "))


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sp = p.add_subparsers(dest="cmd", required=True)
    x = sp.add_parser("put")
    x.add_argument("key")
    x.add_argument("value")
    x.add_argument("--string", action="store_true", help="store VALUE as a string, never as JSON")
    x.set_defaults(f=cmd_put)
    x = sp.add_parser("append")
    x.add_argument("key")
    x.add_argument("value")
    x.set_defaults(f=lambda a: append(a.key, json.loads(a.value)))
    x = sp.add_parser("wrk")
    x.add_argument("name")
    x.add_argument("output")
    x.add_argument("cpu_before")
    x.add_argument("cpu_after")
    x.set_defaults(f=cmd_wrk)
    x = sp.add_parser("ready")
    x.add_argument("url")
    x.add_argument("t0_ns", type=int)
    x.add_argument("timeout", type=float)
    x.add_argument("--pid", type=int, help="give up as soon as this process is gone")
    x.set_defaults(f=cmd_ready)
    x = sp.add_parser("sse")
    x.add_argument("--sid", required=True)
    x.add_argument("--stub-port", type=int, required=True)
    x.add_argument("--stub-path", required=True)
    x.add_argument("--nginx-port", type=int, required=True)
    x.add_argument("--service-port", type=int, required=True)
    x.add_argument("--count", type=int, required=True)
    x.add_argument("--warmup", type=int, default=0)
    x.add_argument("--events", type=int, required=True)
    x.add_argument("--gap-ms", type=float, required=True)
    x.set_defaults(f=cmd_sse)
    x = sp.add_parser("logins")
    x.add_argument("--port", type=int, required=True)
    x.add_argument("--count", type=int, required=True)
    x.add_argument("--concurrency", type=int, default=8)
    x.add_argument("--prefix", default="bench-session-key")
    x.add_argument("--record", default="sessions.logins", help="where in facts.json to record the outcome")
    x.set_defaults(f=cmd_logins)
    x = sp.add_parser("histogram-total")
    x.add_argument("file")
    x.set_defaults(f=cmd_histogram_total)
    x = sp.add_parser("sessions")
    x.add_argument("url")
    x.set_defaults(f=cmd_sessions)
    x = sp.add_parser("histo-diff")
    x.add_argument("before")
    x.add_argument("after")
    x.add_argument("--top", type=int, default=15)
    x.set_defaults(f=cmd_histo_diff)
    x = sp.add_parser("report")
    x.add_argument("--target", choices=("service", "floor"), default="service")
    x.add_argument("mode", choices=("smoke", "full"))
    x.set_defaults(f=cmd_report)
    x = sp.add_parser("machine")
    x.add_argument("--json", action="store_true")
    x.set_defaults(f=lambda a: print(json.dumps(machine(), indent=2)) if a.json else cmd_machine(a))
    a = p.parse_args()
    a.f(a)


if __name__ == "__main__":
    main()
