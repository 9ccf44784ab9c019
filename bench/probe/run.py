#!/usr/bin/env python3
"""portolan probe vs nmap, side by side, on targets built inside network namespaces.

Every packet stays inside namespaces this script creates and removes (never the host's own loopback).
Needs root, iproute2, nftables and nmap.

    sudo python3 bench/probe/run.py --portolan .build/release/portolan [--only a,b,c] [--tuned]

(a) all 65,535 TCP ports of 127.0.0.1 in a fresh namespace with 20 listeners
(b) 10,000 hosts x tcp/13000 + tcp/14000 behind a veth, 1,000 of the 14000s dropped
(c) (b) plus udp/15000, 200 hosts answering (the others answer ICMP port unreachable)

For each tool: wall time, probes/s, peak RSS, and whether its open / closed / filtered sets equal
portolan's. Exit 0 when every run's sets agree.
"""
import argparse, os, subprocess, sys, tempfile, time, xml.etree.ElementTree as ET

PREFIX = f"plbench{os.getpid() % 100000}"
LISTENERS_A = [80, 443, 1433, 3306, 5432, 8080, 13000, 13291, 13292, 13299,
               14000, 15000, 17000, 17100, 20000, 30000, 40000, 50000, 60000, 65535]
HOSTS, DROPPED, ANSWERING = 10_000, 1_000, 200


def sh(*args, check=True, **kw):
    return subprocess.run(list(args), check=check, **kw)


def host(i):
    """The i-th target host: 10.201.0.1, 10.201.0.2, ... (inside the target namespace)."""
    return f"10.201.{(i // 250)}.{(i % 250) + 1}"


class Lab:
    """Namespaces, veth, routes, nftables rules and servers; removed by close(), also on failure."""

    def __init__(self):
        self.namespaces, self.servers = [], []

    def netns(self, suffix):
        name = f"{PREFIX}-{suffix}"
        sh("ip", "netns", "add", name)
        self.namespaces.append(name)
        sh("ip", "-n", name, "link", "set", "lo", "up")
        return name

    def serve(self, ns, *args):
        """Starts this script's server mode inside ns and waits until it says it is ready."""
        process = subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, __file__, "--serve", *args],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.servers.append(process)
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"server in {ns} did not start")

    def drain(self):
        """Empties the listeners' accept queues between runs."""
        for process in self.servers:
            process.stdin.write("drain\n")
            process.stdin.flush()
            process.stdout.readline()

    def close(self):
        for process in self.servers:
            process.kill()
            process.wait()
        for name in self.namespaces:
            sh("ip", "netns", "delete", name, check=False)


def serve(args):
    """Server mode: TCP listeners, UDP responders on given addresses.

    The kernel completes TCP handshakes by itself; the listeners' queues (65,535, more than a run
    sends) are drained only between runs, so the server's own CPU does not compete with the scanners."""
    import selectors, socket
    selector = selectors.DefaultSelector()
    listening = []
    for spec in args:
        kind, address, port = spec.split(":")
        family = socket.AF_INET
        if kind == "tcp":
            s = socket.socket(family, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((address, int(port)))
            s.listen(65535)
        else:
            s = socket.socket(family, socket.SOCK_DGRAM)
            s.bind((address, int(port)))
        s.setblocking(False)
        selector.register(s, selectors.EVENT_READ, kind) if kind == "udp" else listening.append(s)
    print("ready", flush=True)
    import threading
    def drain():
        while True:
            line = sys.stdin.readline()
            if not line:
                return
            for s in listening:
                s.setblocking(False)
                while True:
                    try:
                        s.accept()[0].close()
                    except (BlockingIOError, ConnectionError):
                        break
            print("drained", flush=True)
    threading.Thread(target=drain, daemon=True).start()
    deadline = time.time() + 900  # bounded: a forgotten server ends by itself
    while time.time() < deadline:
        for key, _ in selector.select(timeout=1):
            s = key.fileobj
            for _ in range(512):
                try:
                    if key.data == "tcp":
                        connection, _ = s.accept()
                        connection.close()
                    else:
                        data, peer = s.recvfrom(2048)
                        s.sendto(data or b"pong", peer)
                except (BlockingIOError, ConnectionError):
                    break


def measure(ns, command):
    """Runs command inside ns; returns (wall seconds, CPU seconds, peak RSS MiB, stdout).

    CPU (user + system) and peak RSS come from GNU time, a small parent: a child forked from this
    Python process would inherit Python's own high-water mark. `ip netns exec` execs the tool in its
    own process, so the figures are the tool's."""
    out = tempfile.TemporaryFile()
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.monotonic()
        subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", report.name, "ip", "netns", "exec", ns, *command],
                       stdout=out, stderr=subprocess.DEVNULL)
        wall = time.monotonic() - start
        rss, user, system = report.read().split()[-3:]
    out.seek(0)
    return wall, float(user) + float(system), int(rss) / 1024, out.read().decode()


def portolan_states(text):
    import json
    states = {}
    for line in text.splitlines():
        r = json.loads(line)
        state = {"open|filtered": "open|filtered"}.get(r["state"], r["state"])
        states[(r["protocol"], r["host"], r["port"])] = state
    return states


def nmap_states(xml_text, targets):
    """States of every target from nmap's XML; unlisted ports take the host's extraports state."""
    states = {}
    root = ET.fromstring(xml_text)
    for h in root.iter("host"):
        address = h.find("address").get("addr")
        ports = h.find("ports")
        default = None
        if ports is not None:
            extras = ports.findall("extraports")
            if len(extras) == 1:
                default = extras[0].get("state")
            for p in ports.findall("port"):
                states[(p.get("protocol"), address, int(p.get("portid")))] = p.find("state").get("state")
        for key in targets.get(address, []):
            states.setdefault(key, default or "unknown")
    return states


def compare(name, lab, ns, targets, nmap_args, portolan, tuned):
    by_host = {}
    for t in targets:
        by_host.setdefault(t[1], []).append(t)
    with tempfile.TemporaryDirectory() as folder:
        target_file = os.path.join(folder, "targets.txt")
        with open(target_file, "w") as f:
            f.writelines(f"{p} {h} {port}\n" for p, h, port in targets)
        host_file = os.path.join(folder, "hosts.txt")
        with open(host_file, "w") as f:
            f.writelines(f"{h}\n" for h in by_host)
        runs = [("portolan", [portolan, "probe", "--targets", target_file, "--json-lines"])]
        runs.append(("nmap " + " ".join(nmap_args), ["nmap", "-n", "-Pn", *nmap_args, "-iL", host_file, "-oX", "-"]))
        if tuned:
            # The tuned nmap gives up retries (--max-retries 0); portolan's row beside it does the same
            # (--retries 0), so that each comparison is like for like: the first portolan row and
            # nmap -T4 both retry a silent port once (nmap's default cap when it sees no loss).
            extra = ["-T5", "--min-hostgroup", "1024", "--min-parallelism", "1000", "--max-retries", "0",
                     "--max-rtt-timeout", "1000ms"]
            plain = [a for a in nmap_args if a != "-T4"]
            runs.append(("nmap tuned", ["nmap", "-n", "-Pn", *plain, *extra, "-iL", host_file, "-oX", "-"]))
            runs.append(("portolan --retries 0", [*runs[0][1], "--retries", "0"]))
        results = []
        for label, command in runs:
            lab.drain()
            wall, cpu, rss, out = measure(ns, command)
            states = portolan_states(out) if label.startswith("portolan") else nmap_states(out, by_host)
            results.append((label, wall, cpu, rss, states))
    reference = results[0][4]
    counts = lambda s: {k: sum(1 for t in targets if s.get(t) == k) for k in ("open", "closed", "filtered", "open|filtered")}
    print(f"\n({name}) {len(targets)} probes")
    print(f"  {'tool':<44} {'wall s':>8} {'probes/s':>10} {'CPU s':>6} {'peak RSS MiB':>13} {'speed-up':>9}  "
          "open/closed/filtered/open|filtered  sets agree")
    agree_all = True
    for label, wall, cpu, rss, states in results:
        c = counts(states)
        agree = all(states.get(t) == reference.get(t) for t in targets)
        agree_all &= agree
        speed = results[1][1] / wall  # against nmap -T4
        print(f"  {label:<44} {wall:>8.3f} {len(targets) / wall:>10.0f} {cpu:>6.2f} {rss:>13.1f} {speed:>8.1f}x  "
              f"{c['open']}/{c['closed']}/{c['filtered']}/{c['open|filtered']}  {'yes' if agree else 'NO'}")
        if not agree:
            diff = [t for t in targets if states.get(t) != reference.get(t)][:5]
            print("    first differences:", [(t, reference.get(t), states.get(t)) for t in diff])
    if tuned:
        wall = {label: w for label, w, *_ in results}
        print(f"  against the tuned nmap: portolan {wall['nmap tuned'] / wall['portolan']:.2f}x, "
              f"portolan --retries 0 {wall['nmap tuned'] / wall['portolan --retries 0']:.2f}x")
    return agree_all


def scenario_a(lab, args):
    ns = lab.netns("a")
    lab.serve(ns, *[f"tcp:127.0.0.1:{p}" for p in LISTENERS_A])
    targets = [("tcp", "127.0.0.1", p) for p in range(1, 65536)]
    return compare("a", lab, ns, targets, ["-sT", "-T4", "-p1-65535"], args.portolan, args.tuned)


def veth_fleet(src, dst, prefix, blocks):
    """Joins namespaces src and dst by a veth; dst answers for every address of blocks (AnyIP, a local
    route: no 10,000 addresses to add) and takes connections and ICMP as fast as they come.
    Shared with bench/watch."""
    sh("ip", "link", "add", f"{prefix}s", "type", "veth", "peer", "name", f"{prefix}d")
    sh("ip", "link", "set", f"{prefix}s", "netns", src)
    sh("ip", "link", "set", f"{prefix}d", "netns", dst)
    sh("ip", "-n", src, "addr", "add", "10.200.0.1/30", "dev", f"{prefix}s")
    sh("ip", "-n", dst, "addr", "add", "10.200.0.2/30", "dev", f"{prefix}d")
    sh("ip", "-n", src, "link", "set", f"{prefix}s", "up")
    sh("ip", "-n", dst, "link", "set", f"{prefix}d", "up")
    for block in blocks:
        sh("ip", "-n", src, "route", "add", block, "via", "10.200.0.2")
        sh("ip", "-n", dst, "route", "add", "local", block, "dev", "lo")
    sh("ip", "netns", "exec", dst, "sysctl", "-q", "-w", "net.core.somaxconn=65535",
       "net.ipv4.tcp_max_syn_backlog=65535", "net.ipv4.icmp_ratelimit=0",
       "net.ipv4.icmp_msgs_per_sec=1000000", "net.ipv4.icmp_msgs_burst=1000000")


def fleet(lab, udp):
    src, dst = lab.netns("src"), lab.netns("dst")
    veth_fleet(src, dst, PREFIX, ["10.201.0.0/16"])
    dropped = ", ".join(host(i) for i in range(0, HOSTS, HOSTS // DROPPED))
    rules = f"""table inet plbench {{
        set dropped {{ type ipv4_addr; elements = {{ {dropped} }}; }}
        chain input {{
            type filter hook input priority 0; policy accept;
            ip daddr @dropped tcp dport 14000 drop
        }}
    }}
    """
    sh("ip", "netns", "exec", dst, "nft", "-f", "-", input=rules.encode())
    specs = ["tcp:0.0.0.0:13000", "tcp:0.0.0.0:14000"]
    if udp:
        specs += [f"udp:{host(i)}:15000" for i in range(0, HOSTS, HOSTS // ANSWERING)]
    lab.serve(dst, *specs)
    targets = []
    for i in range(HOSTS):
        targets += [("tcp", host(i), 13000), ("tcp", host(i), 14000)]
        if udp:
            targets.append(("udp", host(i), 15000))
    return src, targets


def scenario_b(lab, args):
    ns, targets = fleet(lab, udp=False)
    return compare("b", lab, ns, targets, ["-sT", "-T4", "-p13000,14000"], args.portolan, args.tuned)


def scenario_c(lab, args):
    ns, targets = fleet(lab, udp=True)
    return compare("c", lab, ns, targets, ["-sT", "-sU", "-T4", "-pT:13000,14000,U:15000"], args.portolan, args.tuned)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        return serve(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portolan", default=".build/release/portolan")
    parser.add_argument("--only", default="a,b,c")
    parser.add_argument("--tuned", action="store_true", help="also run the tuned nmap of the issue")
    args = parser.parse_args()
    args.portolan = os.path.abspath(args.portolan)
    ok = True
    for name in args.only.split(","):
        lab = Lab()
        try:
            ok &= {"a": scenario_a, "b": scenario_b, "c": scenario_c}[name](lab, args)
        finally:
            lab.close()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
