#!/usr/bin/env python3
"""What the ops panel costs and how fast it shows a kill (docs/benchmarks.md).

Against a running ./statewise: the CPU of the local stack's JVM and of every service JVM
over a window with no panel open, then with one event stream open (what one browser tab
costs the stack; the browser's own cost is not counted), then three times: kill
order-service-1 through the control API and time until the stream shows it down, and start
it again.

  python3 load-tests/ops-panel-cost.py <local-stack JVM pid> [control port, 9000] [window s, 60]
"""
import json, os, sys, threading, time, urllib.request

stack_pid = int(sys.argv[1])
control = int(sys.argv[2]) if len(sys.argv) > 2 else 9000
window = int(sys.argv[3]) if len(sys.argv) > 3 else 60
TICK = os.sysconf('SC_CLK_TCK')
BASE = f'http://127.0.0.1:{control}'


def cpu(pid):
    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def services():
    with urllib.request.urlopen(BASE + '/components') as answer:
        return {c['name']: c['pid'] for c in json.load(answer) if c['kind'] in ('SERVICE', 'GATEWAY')}


def measure(pids):
    before = {name: cpu(pid) for name, pid in pids.items()}
    started = time.time()
    time.sleep(window)
    elapsed = time.time() - started
    return {name: (cpu(pid) - before[name]) / elapsed for name, pid in pids.items()}


latest = {}


def stream(stop):
    with urllib.request.urlopen(urllib.request.Request(BASE + '/ops/stream'), timeout=30) as body:
        data = None
        for raw in body:
            line = raw.decode().rstrip('\n')
            if line.startswith('data:'):
                data = (data or '') + line[5:]
            elif line == '' and data:
                latest['bytes'] = len(data)
                latest['nodes'] = {n['name']: n['state'] for n in json.loads(data)['nodes']}
                data = None
            if stop.is_set():
                return


def post(path):
    started = time.time()
    urllib.request.urlopen(urllib.request.Request(BASE + path, method='POST'), timeout=300).read()
    return time.time() - started


pids = {'local-stack': stack_pid, **services()}
idle = measure(pids)
stop = threading.Event()
threading.Thread(target=stream, args=(stop,), daemon=True).start()
time.sleep(3)
watched = measure(pids)
print(f'CPU, % of one core over {window} s   no panel   one panel')
for name in pids:
    print(f'  {name:<22} {idle[name] * 100:8.1f}  {watched[name] * 100:10.1f}')
print(f'  {"all":<22} {sum(idle.values()) * 100:8.1f}  {sum(watched.values()) * 100:10.1f}')
print(f'one event: {latest["bytes"]} bytes')
for run in range(1, 4):
    started = time.time()
    took = post('/components/order-service-1/kill')
    while latest['nodes'].get('order-service-1') != 'down':
        time.sleep(0.01)
    print(f'kill {run}: the kill call took {took * 1000:.0f} ms; shown down after {(time.time() - started) * 1000:.0f} ms')
    post('/components/order-service-1/start')
stop.set()
