#!/usr/bin/env python3
"""portolan watch vs Prometheus's blackbox_exporter, side by side, on targets inside network namespaces.

Every packet stays inside namespaces this script creates and removes (never the host's own loopback).
Needs root, iproute2, curl, Debian's prometheus and prometheus-blackbox-exporter (the script installs
the exporter with apt-get when it is missing, and says so).

    sudo python3 bench/watch/run.py --portolan .build/release/portolan [--only side,scale]

(side)  1,000 TCP listeners on 127.0.3.1-127.0.6.250:31433 in a fresh namespace. One Prometheus scrapes
        blackbox_exporter once per target (tcp_connect module, one target per series) and one
        `portolan watch` (one target, every arrow) at the same interval. Printed per tool: CPU-seconds
        per round, peak RSS, and the time until a port closed on purpose reads 0 in Prometheus.
        Goals: portolan <= 1/5 of blackbox's CPU per round, and it sees the change no later.
(scale) `portolan watch` of 100,000 targets (10.201.0.0/16 and 10.202.0.0/16 behind a veth, as in
        bench/probe): peak RSS <= 150 MiB, CPU between rounds <= 2 %, a scrape of /metrics <= 1 s.

Exit 0 when every goal is met, 1 otherwise.
"""
import argparse, json, os, random, shutil, statistics, subprocess, sys, tempfile, time, urllib.parse

PREFIX = f"plwatch{os.getpid() % 100000}"
PORT = 31433
TICK = os.sysconf("SC_CLK_TCK")


def sh(*args, check=True, **kw):
    return subprocess.run(list(args), check=check, **kw)


def side_address(i):
    """The i-th target of (side): 127.0.3.1 ... 127.0.6.250."""
    return f"127.0.{3 + i // 250}.{i % 250 + 1}"


def fleet_address(i):
    """The i-th target of (scale): 10.201.0.1 ... (250 a /24, then 10.202.x.y)."""
    block, rest = divmod(i, 250 * 256)
    return f"10.{201 + block}.{rest // 250}.{rest % 250 + 1}"


class Lab:
    """Namespaces (made as bench/probe makes them), processes and a scratch folder; all removed by
    close(), also on failure."""

    def __init__(self, keep=None):
        self.namespaces, self.processes, self.keep = [], [], keep
        self.folder = tempfile.mkdtemp(prefix="portolan-bench-watch-")

    def netns(self, suffix):
        return probe_bench().Lab.netns(self, suffix)

    def start(self, ns, command, name):
        """Starts command inside ns (ip netns exec execs it: the pid is the command's own)."""
        log = open(os.path.join(self.folder, name + ".log"), "w")
        process = subprocess.Popen(["ip", "netns", "exec", ns, *command], stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
        self.processes.append(process)
        return process

    def serve(self, ns, specs):
        """This script's listener mode inside ns; returns the process, ready, with a command pipe."""
        process = subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, __file__, "--serve", *specs],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.processes.append(process)
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"listeners in {ns} did not start")
        return process

    def write(self, name, text):
        path = os.path.join(self.folder, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def close(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for name in self.namespaces:
            sh("ip", "netns", "delete", name, check=False)
        if self.keep:
            shutil.copytree(self.folder, self.keep, dirs_exist_ok=True, ignore=shutil.ignore_patterns("tsdb"))
        shutil.rmtree(self.folder, ignore_errors=True)


def serve(specs):
    """Listener mode: TCP listeners (ADDRESS:PORT), accepting and closing every connection.

    Reads commands on stdin: `close ADDRESS` closes that address's listener (the port is then closed:
    a connection gets a reset) and answers `closed`."""
    import selectors, socket, threading
    selector = selectors.DefaultSelector()
    by_address = {}
    for spec in specs:
        address, port = spec.rsplit(":", 1)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((address, int(port)))
        s.listen(65535)
        s.setblocking(False)
        selector.register(s, selectors.EVENT_READ)
        by_address[address] = s
    lock = threading.Lock()

    def commands():
        for line in sys.stdin:
            words = line.split()
            if len(words) == 2 and words[0] == "close":
                with lock:
                    s = by_address.pop(words[1])
                    selector.unregister(s)
                    s.close()
                print("closed", flush=True)
    threading.Thread(target=commands, daemon=True).start()
    print("ready", flush=True)
    deadline = time.time() + 1800  # bounded: a forgotten server ends by itself
    while time.time() < deadline:
        with lock:
            ready = selector.select(timeout=0.2)
            for key, _ in ready:
                for _ in range(4096):
                    try:
                        key.fileobj.accept()[0].close()
                    except (BlockingIOError, ConnectionError, OSError):
                        break


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def http_get(ns, url, timeout=10):
    """GET url from inside ns with curl; returns (body, seconds, bytes)."""
    out = subprocess.run(["ip", "netns", "exec", ns, "curl", "-sS", "--max-time", str(timeout), "-o", "-", "-w",
                          "\n%{time_total} %{size_download}", url], capture_output=True)
    body, _, tail = out.stdout.rpartition(b"\n")
    seconds, size = tail.decode().split() if tail else ("nan", "0")
    if out.returncode != 0:
        raise RuntimeError(f"GET {url}: {out.stderr.decode().strip()}")
    return body, float(seconds), int(size)


def query(ns, promql):
    """An instant query against the bench's Prometheus; returns [(labels, value)]."""
    url = "http://127.0.0.1:19090/api/v1/query?query=" + urllib.parse.quote(promql)
    body, _, _ = http_get(ns, url)
    data = json.loads(body)
    return [(r["metric"], float(r["value"][1])) for r in data["data"]["result"]]


def wait_for(condition, limit, what):
    """Polls condition every 0.1 s until it is true; the time it took, or an error after limit seconds."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        try:
            if condition():
                return time.monotonic() - start
        except (RuntimeError, KeyError, ValueError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"timed out after {limit:.0f} s waiting for {what}")


def ensure_blackbox():
    path = shutil.which("prometheus-blackbox-exporter")
    if path:
        print(f"blackbox_exporter: {path} (Debian prometheus-blackbox-exporter, installed)")
        return path
    print("blackbox_exporter: not installed; installing Debian's prometheus-blackbox-exporter with apt-get")
    sh("apt-get", "install", "-y", "--no-install-recommends", "prometheus-blackbox-exporter", stdout=subprocess.DEVNULL)
    # The package enables a service; this bench runs its own exporter inside its namespace only.
    sh("systemctl", "stop", "prometheus-blackbox-exporter", check=False, stderr=subprocess.DEVNULL)
    return shutil.which("prometheus-blackbox-exporter")


def topology(lab, name, hosts):
    """A topology whose one probed arrow (ksc13-lan [1], server -> DBMS, plain TCP) points at hosts."""
    hosts_file = lab.write(name + "-hosts.txt", "".join(f"{h}\n" for h in hosts))
    return lab.write(name + ".yaml", f"""name: bench-{name}
schemas: [ksc13-lan]
dbms: mssql
ports: {{1433/tcp: {PORT}}}
probe: {{timeout-ms: 1000, min-timeout-ms: 100, retries: 1}}
roles:
  dbms: {{file: {hosts_file}}}
""")


def side(lab, args):
    blackbox = ensure_blackbox()
    ns = lab.netns("side")
    targets = [side_address(i) for i in range(args.targets)]
    listeners = lab.serve(ns, [f"{t}:{PORT}" for t in targets])
    interval = args.interval
    fast = args.portolan_interval or interval
    lab.write("blackbox.yml", "modules:\n  tcp_connect:\n    prober: tcp\n    timeout: 5s\n")
    static = ", ".join(f"'{t}:{PORT}'" for t in targets)
    config = lab.write("prometheus.yml", f"""global:
  scrape_interval: {interval}s
  scrape_timeout: {max(1, interval - 1)}s
scrape_configs:
  - job_name: blackbox
    metrics_path: /probe
    params: {{module: [tcp_connect]}}
    static_configs: [{{targets: [{static}]}}]
    relabel_configs:
      - {{source_labels: [__address__], target_label: __param_target}}
      - {{source_labels: [__param_target], target_label: instance}}
      - {{target_label: __address__, replacement: '127.0.0.1:19115'}}
  - job_name: portolan
    scrape_interval: {fast}s
    scrape_timeout: {max(1, fast - 1) if fast > 1 else fast}s
    static_configs: [{{targets: ['127.0.0.1:19470']}}]
""")
    exporter = lab.start(ns, [blackbox, f"--config.file={lab.folder}/blackbox.yml", "--web.listen-address=127.0.0.1:19115"], "blackbox")
    watch = lab.start(ns, [args.portolan, "watch", topology(lab, "side", targets), "--interval", str(fast),
                           "--listen", "127.0.0.1:19470"], "portolan")
    prometheus = lab.start(ns, ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={lab.folder}/tsdb",
                                "--web.listen-address=127.0.0.1:19090"], "prometheus")
    every = len(targets) + 1
    wait_for(lambda: len(query(ns, "up == 1")) == every, 20 * interval, f"Prometheus to scrape all {every} targets")
    wait_for(lambda: len(query(ns, "portolan_arrow_up == 1")) == len(targets) and len(query(ns, "probe_success == 1")) == len(targets),
             6 * interval, "every target up in both")
    print(f"\n(side) {len(targets)} TCP targets; blackbox: a round (scrape of every target) every {interval} s, portolan: a round "
          f"and a scrape every {fast} s; Prometheus {prometheus_version()}")
    window = args.rounds * interval
    before = {p: cpu_seconds(p.pid) for p in (exporter, watch, prometheus)}
    rounds_before = rounds_of(ns)
    started = time.monotonic()
    time.sleep(window)  # the measured window: the tools work, this script only waits
    elapsed = time.monotonic() - started
    cpu = {p: cpu_seconds(p.pid) - before[p] for p in (exporter, watch, prometheus)}
    portolan_rounds = rounds_of(ns) - rounds_before
    blackbox_rounds = elapsed / interval
    # Ports closed on purpose, at random moments; both tools must read 0 for them.
    seen = {"blackbox": [], "portolan": []}
    for closed in random.Random(7).sample(targets[1:], args.changes):
        time.sleep(random.uniform(0, interval))
        listeners.stdin.write(f"close {closed}\n")
        listeners.stdin.flush()
        listeners.stdout.readline()
        start = time.monotonic()
        pending = {"blackbox": f'probe_success{{instance="{closed}:{PORT}"}} == 0',
                   "portolan": f'portolan_arrow_up{{address="{closed}"}} == 0'}
        while pending and time.monotonic() - start < 6 * interval:
            for tool, expression in list(pending.items()):
                if query(ns, expression):
                    seen[tool].append(time.monotonic() - start)
                    del pending[tool]
            time.sleep(0.05)
        for tool in pending:
            seen[tool].append(float("inf"))
    rows = [("blackbox_exporter", cpu[exporter] / blackbox_rounds, peak_rss_mib(exporter.pid), seen["blackbox"]),
            ("portolan watch", cpu[watch] / max(1, portolan_rounds), peak_rss_mib(watch.pid), seen["portolan"])]
    print(f"  {'tool':<20} {'CPU s/round':>12} {'peak RSS MiB':>13} {'change visible after, s (each closed port)':>44}")
    for name, per_round, rss, times in rows:
        print(f"  {name:<20} {per_round:>12.3f} {rss:>13.1f}   {' '.join(f'{t:.1f}' for t in times)}"
              f"  (median {statistics.median(times):.1f})")
    print(f"  Prometheus itself: {cpu[prometheus] / blackbox_rounds:.3f} CPU s/round for both jobs "
          f"({len(targets)} blackbox scrapes and 1 portolan scrape a round)")
    ratio = rows[0][1] / rows[1][1] if rows[1][1] > 0 else float("inf")
    cpu_goal = rows[1][1] <= rows[0][1] / 5
    later = statistics.median(seen["portolan"]) <= statistics.median(seen["blackbox"])
    print(f"  portolan uses 1/{ratio:.1f} of blackbox's CPU per round: goal <= 1/5 {'met' if cpu_goal else 'NOT met'}")
    print(f"  change visible (median) portolan {statistics.median(seen['portolan']):.1f} s, blackbox "
          f"{statistics.median(seen['blackbox']):.1f} s: goal 'no later' {'met' if later else 'NOT met'}")
    return cpu_goal and later


def rounds_of(ns):
    body, _, _ = http_get(ns, "http://127.0.0.1:19470/healthz")
    return int(body.split()[1])


def prometheus_version():
    out = subprocess.run(["prometheus", "--version"], capture_output=True, text=True)
    return (out.stdout or out.stderr).split()[2] if (out.stdout or out.stderr) else "?"


def scale(lab, args):
    src, dst = lab.netns("src"), lab.netns("dst")
    probe_bench().veth_fleet(src, dst, PREFIX, ["10.201.0.0/16", "10.202.0.0/16"])
    lab.serve(dst, [f"0.0.0.0:{PORT}"])
    hosts = [fleet_address(i) for i in range(args.scale_targets)]
    interval = args.scale_interval
    watch = lab.start(src, [args.portolan, "watch", topology(lab, "scale", hosts), "--interval", str(interval),
                            "--listen", "127.0.0.1:19471", "--max-targets", str(len(hosts))], "portolan-scale")
    print(f"\n(scale) portolan watch of {len(hosts)} TCP targets behind a veth, one round every {interval} s")

    def rounds():
        """Rounds fully published (series recorded): the watcher logs "round done" after that."""
        with open(os.path.join(lab.folder, "portolan-scale.log")) as log:
            return sum(1 for line in log if 'msg="round done"' in line)
    started = time.monotonic()
    wait_for(lambda: rounds() >= 1, 5 * interval + 120, "the first round")
    first = time.monotonic() - started
    scrapes = []
    for _ in range(3):
        body, seconds, size = http_get(src, "http://127.0.0.1:19471/metrics", timeout=60)
        scrapes.append((seconds, size, body.count(b"\nportolan_arrow_up{") + body.startswith(b"portolan_arrow_up{")))
    # CPU between rounds: from just after a round ends to just before the next starts.
    count = rounds()
    wait_for(lambda: rounds() > count, 2 * interval + 120, "the next round to end")
    time.sleep(1)
    before, start = cpu_seconds(watch.pid), time.monotonic()
    idle_window = max(1.0, interval - round_seconds(src) - 3)
    time.sleep(idle_window)
    idle = (cpu_seconds(watch.pid) - before) / (time.monotonic() - start) * 100
    body, _, _ = http_get(src, "http://127.0.0.1:19471/metrics", timeout=60)
    up = sum(1 for line in body.split(b"\n") if line.startswith(b"portolan_arrow_up{") and line.endswith(b" 1"))
    lint = subprocess.run(["promtool", "check", "metrics"], input=body, capture_output=True) if shutil.which("promtool") else None
    rss = peak_rss_mib(watch.pid)
    scrape = max(s for s, _, _ in scrapes)
    print(f"  first round ended after {first:.1f} s from start; a round takes {round_seconds(src):.2f} s; "
          f"{up} of {len(hosts)} arrows up in the last scrape")
    print(f"  /metrics: {scrapes[0][1] / 2**20:.1f} MiB, {len(hosts)} probes, scraped in "
          f"{', '.join(f'{s:.2f}' for s, _, _ in scrapes)} s"
          + (f"; promtool check metrics: {'ok' if lint.returncode == 0 else lint.stdout.decode()[:200] + lint.stderr.decode()[:200]}" if lint else ""))
    goals = [("peak RSS", rss, 150, "MiB"), ("CPU between rounds", idle, 2, "%"), ("scrape of /metrics", scrape, 1, "s")]
    ok = True
    for name, value, limit, unit in goals:
        met = value <= limit
        ok &= met
        print(f"  {name:<20} {value:>8.2f} {unit:<4} goal <= {limit} {unit}: {'met' if met else 'NOT met'}")
    return ok and up == len(hosts)


def round_seconds(ns):
    body, _, _ = http_get(ns, "http://127.0.0.1:19471/metrics", timeout=60)
    for line in body.split(b"\n"):
        if line.startswith(b"portolan_round_duration_seconds "):
            return float(line.split()[1])
    return float("nan")


def probe_bench():
    """bench/probe/run.py as a module (its veth fleet is this one's too)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("probe_bench", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "probe", "run.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        return serve(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portolan", default=".build/release/portolan")
    parser.add_argument("--only", default="side,scale")
    parser.add_argument("--targets", type=int, default=1000, help="targets of (side)")
    parser.add_argument("--interval", type=int, default=5, help="seconds between rounds and scrapes in (side)")
    parser.add_argument("--portolan-interval", type=int, help="portolan's round and scrape interval in (side) (default: --interval)")
    parser.add_argument("--rounds", type=int, default=6, help="rounds measured for CPU in (side)")
    parser.add_argument("--changes", type=int, default=3, help="ports closed on purpose in (side)")
    parser.add_argument("--scale-targets", type=int, default=100_000)
    parser.add_argument("--scale-interval", type=int, default=30)
    parser.add_argument("--keep", help="copy the logs and configuration files to this folder at the end")
    args = parser.parse_args()
    args.portolan = os.path.abspath(args.portolan)
    if not 1 <= args.targets <= 1000 or args.changes >= args.targets:
        parser.error("--targets must be within 1...1000 (127.0.3.1-127.0.6.250) and above --changes")
    if not 1 <= args.scale_targets <= 131_000:
        parser.error("--scale-targets must be within 1...131000 (two /16 blocks)")
    ok = True
    for name in args.only.split(","):
        lab = Lab(args.keep)
        try:
            ok &= {"side": side, "scale": scale}[name](lab, args)
        finally:
            lab.close()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
