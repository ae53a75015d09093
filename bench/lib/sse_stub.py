#!/usr/bin/env python3
"""The streaming half of the benchmark's Gaia stub: POST <anything>/ask/stream answers 200
text/event-stream in Gaia's guide shape (/work/shared/gaia-api.md), as fast and as static as Python
allows: a fixed list of events, the first right after the headers, then one every --gap-ms, each
written and flushed on its own (one HTTP chunk per event), then Gaia's final event and the end of
the body. Keep-alive, so a proxy's connection pool can reuse the connection. Nothing is checked
per request beyond the path; anything else gets 404.

The stub nginx (bench/nginx/stub.conf.in) routes /ask/stream here; every other route it answers
itself.
"""
import argparse
import asyncio
import json
import signal

WORDS = ["Backups ", "run ", "nightly ", "at ", "01:00 ", "and ", "finish ", "before ", "05:00", "."]
FINAL = {
    "queryUid": "7c1e2b9a-5d4f-4c36-9e0f-2f8b6a1d3e55",
    "conversationId": "conv-4a2b9c81",
    "documents": [{
        "documentId": "d-81f07e", "name": "backup-runbook.pdf",
        "absolutePath": "/eng-share/docs/backup-runbook.pdf", "type": "pdf",
        "datasetId": "6f1d3a0c9b8e4d2a", "folderId": "f-12",
        "citations": [{"cosineScore": 0.83, "textSnippet": "Protection jobs run nightly at 01:00."}],
        "objectInfo": {"sizeBytes": 482133, "lastModifiedUsecs": 1730000000000000},
    }],
    "finishReason": "stop",
}


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def frames(count: int) -> list:
    words = (WORDS * (count // len(WORDS) + 1))[:count]
    out = [("data: " + json.dumps({"responseString": w}) + "\n\n").encode() for w in words]
    out.append(("data: " + json.dumps(FINAL) + "\n\n").encode())
    return [chunk(f) for f in out]


HEADERS = (b"HTTP/1.1 200 OK\r\n"
           b"Content-Type: text/event-stream\r\n"
           b"Cache-Control: no-cache\r\n"
           b"Transfer-Encoding: chunked\r\n"
           b"\r\n")
NOT_FOUND = (b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 51\r\n\r\n"
             b'{"message":"no such path","errorCode":"kNotFound"}\n')


async def serve(reader, writer, events, gap):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            length = 0
            close = False
            for line in lines[1:]:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    length = int(value.strip())
                elif name == "connection" and value.strip().lower() == "close":
                    close = True
            if length:
                await reader.readexactly(length)
            if method != "POST" or not path.split("?", 1)[0].endswith("/ask/stream"):
                writer.write(NOT_FOUND)
                await writer.drain()
            else:
                # Headers and the first event leave together; then one event per gap.
                writer.write(HEADERS + events[0])
                await writer.drain()
                for frame in events[1:]:
                    await asyncio.sleep(gap)
                    writer.write(frame)
                    await writer.drain()
                writer.write(b"0\r\n\r\n")
                await writer.drain()
            if close:
                break
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--events", type=int, default=10, help="responseString events before the final event")
    p.add_argument("--gap-ms", type=float, default=50.0)
    a = p.parse_args()
    events = frames(a.events)
    server = await asyncio.start_server(lambda r, w: serve(r, w, events, a.gap_ms / 1000.0), "127.0.0.1", a.port,
                                        reuse_address=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
