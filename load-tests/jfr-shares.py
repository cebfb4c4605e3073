#!/usr/bin/env python3
"""Shares of a JFR recording's CPU samples, for the profiles in docs/benchmarks.md.

  load-tests/jfr-shares.py THREAD_REGEX FILE.jfr [FILE.jfr ...]

For each recording: the execution samples taken on threads whose name matches
THREAD_REGEX (e.g. 'reactor-http' for the gateway's event loops, 'http-nio' for Tomcat's
workers), the share of them with a frame of each group below anywhere on the stack, and
the five hottest self frames. Needs the `jfr` tool of a JDK 17 or newer (JFR_TOOL, default
the `jfr` on the PATH).
"""
import collections
import os
import re
import subprocess
import sys

GROUPS = {
    "observation/tracing (io.micrometer.observation|tracing, io.opentelemetry)":
        re.compile(r"io\.micrometer\.(observation|tracing)|io\.opentelemetry"),
    "rate limiter (gateway.ratelimit)": re.compile(r"gateway\.ratelimit\."),
    "WebClient (the gateway's introspection call)": re.compile(r"web\.reactive\.function\.client"),
    "session store and Redis client (session.store.Redis*, Lettuce)":
        re.compile(r"session\.store\.Redis|io\.lettuce|data\.redis\.connection"),
}


def samples(path, threads):
    jfr = os.environ.get("JFR_TOOL", "jfr")
    out = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "300", path],
                         capture_output=True, text=True, check=True).stdout
    for block in out.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        if thread and re.search(threads, thread.group(1)):
            yield block


def main(threads, paths):
    for path in paths:
        total, groups, tops = 0, collections.Counter(), collections.Counter()
        for block in samples(path, threads):
            total += 1
            groups.update(name for name, pattern in GROUPS.items() if pattern.search(block))
            top = re.search(r"stackTrace = \[\s*\n\s*([^\n]*)", block)
            if top:
                tops[re.sub(r"\s+line:.*", "", top.group(1).strip())] += 1
        print(f"{path}: {total} samples on threads /{threads}/")
        for name in GROUPS:
            print(f"  {groups[name] * 100 / max(total, 1):5.1f} %  {name}")
        for frame, count in tops.most_common(5):
            print(f"  top self {count * 100 / max(total, 1):4.1f} %  {frame}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
