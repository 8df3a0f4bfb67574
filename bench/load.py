#!/usr/bin/env python3
"""Load test of `kroniek serve` on loopback: many clients reading timelines and entities while
articles are POSTed.

    bench/load.py [--kroniek target/release/kroniek] [--clients 50] [--seconds 30] [--post-every 0.5]

Builds a database from examples/ in a temporary folder, starts `kroniek serve` on a free
loopback port, then runs CLIENTS reader threads (timeline, timeline of an entity, entity search,
an entity, its status as of a date, conflicts, a document, search) and one writer thread POSTing
new articles (variants of the example story) every POST_EVERY seconds, for SECONDS. Prints
request counts, errors and latency percentiles for reads and writes; exits 1 on any error.
Python standard library only.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
    return s[k]


def request(base, method, path, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            payload = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        payload = e.read()
        status = e.code
    return status, time.perf_counter() - t, payload


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kroniek", default=os.path.join(ROOT, "target", "release", "kroniek"))
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--post-every", type=float, default=0.5)
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="kroniek-load-")
    db = os.path.join(work, "story.db")
    server = None
    try:
        subprocess.run([args.kroniek, "ingest", os.path.join(ROOT, "examples"), "--db", db],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server = subprocess.Popen([args.kroniek, "serve", "--db", db, "--addr", "127.0.0.1:0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        base = None
        deadline = time.time() + 60
        while base is None and time.time() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            for word in line.split():
                if word.startswith("http://127.0.0.1:"):
                    base = word.rstrip("/")
        if base is None:
            sys.exit("kroniek serve did not print its address")
        # Keep draining the server's output so a full pipe never blocks it.
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        entities = json.loads(request(base, "GET", "/api/entities")[2])
        items = entities.get("entities", entities) if isinstance(entities, dict) else entities
        ids = [e["id"] for e in items][:5] or ["e1"]
        docs = json.loads(request(base, "GET", "/api/documents")[2])
        doc_items = docs.get("documents", docs) if isinstance(docs, dict) else docs
        doc_ids = [d["id"] for d in doc_items][:5]
        reads = [
            "/api/timeline",
            "/api/conflicts",
            "/api/search?q=leider",
            "/api/entities?q=Ghazawi",
        ]
        for e in ids:
            reads += [f"/api/entities/{e}", f"/api/timeline?entity={e}",
                      f"/api/entities/{e}/status?as_of=2024-06-01"]
        reads += [f"/api/documents/{d}" for d in doc_ids]

        stop = time.time() + args.seconds
        lock = threading.Lock()
        stats = {"read": [], "write": [], "errors": []}

        def reader(seed):
            rng = random.Random(seed)
            while time.time() < stop:
                path = rng.choice(reads)
                try:
                    status, dt, _ = request(base, "GET", path)
                except Exception as e:  # noqa: BLE001 - every failure is counted
                    with lock:
                        stats["errors"].append(f"GET {path}: {e}")
                    continue
                with lock:
                    stats["read"].append(dt)
                    if status != 200:
                        stats["errors"].append(f"GET {path}: {status}")

        def writer():
            n = 0
            while time.time() < stop:
                n += 1
                article = {
                    "id": f"load-{n}",
                    "published": f"2024-06-{1 + n % 28:02d}",
                    "language": "nl",
                    "text": (f"Volgens een woordvoerder van de Verenigde Naties zou Nabil al-Ghazawi "
                             f"op {1 + n % 28} juni in Kafr Nur zijn gezien. Het ministerie van "
                             f"Defensie houdt vol dat hij dood is. Bericht {n}."),
                }
                try:
                    status, dt, _ = request(base, "POST", "/api/documents", article, timeout=120)
                except Exception as e:  # noqa: BLE001
                    with lock:
                        stats["errors"].append(f"POST: {e}")
                    continue
                with lock:
                    stats["write"].append(dt)
                    if status not in (200, 201):
                        stats["errors"].append(f"POST: {status}")
                time.sleep(args.post_every)

        threads = [threading.Thread(target=reader, args=(i,)) for i in range(args.clients)]
        threads.append(threading.Thread(target=writer))
        t0 = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.time() - t0
        # Every article the writer stored is in the story the server now serves.
        _, _, body = request(base, "GET", "/api/documents?limit=1")
        total = json.loads(body).get("total", 0)
        expected = len(doc_items) + len(stats["write"])
        if total != expected:
            stats["errors"].append(f"the story has {total} documents, expected {expected}")

        ms = lambda v: round(v * 1000, 1)  # noqa: E731
        summary = {
            "clients": args.clients,
            "seconds": round(elapsed, 1),
            "reads": len(stats["read"]),
            "reads_per_s": round(len(stats["read"]) / elapsed, 1),
            "read_ms": {p: ms(percentile(stats["read"], q)) for p, q in
                        [("p50", 50), ("p90", 90), ("p99", 99), ("max", 100)]},
            "writes": len(stats["write"]),
            "documents_after": total,
            "write_ms": {p: ms(percentile(stats["write"], q)) for p, q in
                         [("p50", 50), ("p90", 90), ("p99", 99), ("max", 100)]},
            "errors": len(stats["errors"]),
            "first_errors": stats["errors"][:5],
        }
        if args.json:
            print(json.dumps(summary, indent=2))
        else:
            print(f"{args.clients} readers + 1 writer for {summary['seconds']} s")
            print(f"reads:  {summary['reads']} ({summary['reads_per_s']}/s)  "
                  f"p50 {summary['read_ms']['p50']} ms  p90 {summary['read_ms']['p90']} ms  "
                  f"p99 {summary['read_ms']['p99']} ms  max {summary['read_ms']['max']} ms")
            print(f"writes: {summary['writes']}  p50 {summary['write_ms']['p50']} ms  "
                  f"p99 {summary['write_ms']['p99']} ms  max {summary['write_ms']['max']} ms")
            print(f"documents served after the run: {total} (all {summary['writes']} POSTed ones)")
            print(f"errors: {summary['errors']}")
            for e in summary["first_errors"]:
                print("  " + e)
        return 1 if stats["errors"] else 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
