#!/usr/bin/env bash
# A three-zone lab on one machine: LAN, DMZ and internet network namespaces joined by a router
# namespace whose nftables ruleset (perimeter.nft) is the perimeter firewall, with `portolan mimic`
# standing in for every responder of two schemas (ksc13-server-in-dmz, ksc13-internet-gateway).
# See README.md beside this file.
#
#   lab.sh up       build the lab, start the mimics, wait until each listens, write the topology
#   lab.sh down     stop every process in the lab's namespaces, delete them, remove the state folder
#   lab.sh status   what exists, which mimics run, the firewall's counters
#
# Environment:
#   PORTOLAN      the portolan binary (default: portolan on PATH)
#   PLAB_PREFIX   prefix of the namespace names (default plab: plab-lan, plab-dmz, plab-inet, plab-router)
#   PLAB_STATE    state folder: logs, pids, the effective topology (default /tmp/$PLAB_PREFIX)
#   PLAB_WAIT     seconds to wait for the mimics to listen (default 30)
# Needs root, ip (iproute2) and nft (nftables). Nothing is sent outside the namespaces it makes.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PREFIX=${PLAB_PREFIX:-plab}
STATE=${PLAB_STATE:-/tmp/$PREFIX}
WAIT_S=${PLAB_WAIT:-30}

ZONES=(lan dmz inet)
declare -A NET=([lan]=10.203.1 [dmz]=10.203.2 [inet]=10.203.3)

# One line per role instance: zone, address, schema, role id, role kind. lab.yaml binds the same
# addresses; the router is .1 and the zone's own address (where probes leave from) .2 of each /24.
MIMICS=(
    "lan  10.203.1.10 ksc13-server-in-dmz    dbms         dbms"
    "lan  10.203.1.20 ksc13-internet-gateway admin-server administration-server"
    "lan  10.203.1.21 ksc13-internet-gateway dbms         dbms"
    "lan  10.203.1.22 ksc13-internet-gateway web-console  web-console-server"
    "dmz  10.203.2.10 ksc13-server-in-dmz    admin-server administration-server"
    "dmz  10.203.2.11 ksc13-server-in-dmz    web-console  web-console-server"
    "dmz  10.203.2.12 ksc13-server-in-dmz    ios-mdm      ios-mdm-server"
    "dmz  10.203.2.13 ksc13-server-in-dmz    gateway      connection-gateway"
    "dmz  10.203.2.20 ksc13-internet-gateway gateway      connection-gateway"
    "dmz  10.203.2.21 ksc13-internet-gateway ios-mdm      ios-mdm-server"
    "inet 10.203.3.10 ksc13-server-in-dmz    laptop       client-device"
    "inet 10.203.3.20 ksc13-internet-gateway laptop       client-device"
)

# Where probes leave each zone from: the bound initiator whose arrows go that way, so that generated
# rules naming initiators' addresses (portolan rules) let them through. One line per route: zone,
# destination (default or a host), source address. The dmz-schema laptop (.10) is the internet's
# default; the gw-schema laptop (.20) reaches its gateway and server from its own address.
SOURCES=(
    "lan  default        10.203.1.20"
    "dmz  default        10.203.2.10"
    "inet default        10.203.3.10"
    "inet 10.203.2.20/32 10.203.3.20"
    "inet 10.203.1.20/32 10.203.3.20"
)

say() { echo "lab.sh: $*" >&2; }
die() { say "$*"; exit 1; }
ns() { echo "$PREFIX-$1"; }
# (No `| grep -q` in this script: under pipefail, the writer's SIGPIPE would read as "not found".)
ns_exists() { ip netns list 2>/dev/null | awk -v name="$1" '$1 == name { found = 1 } END { exit !found }'; }

usage() {
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

check_settings() {
    [[ $PREFIX =~ ^[a-z][a-z0-9-]{0,23}$ ]] || die "PLAB_PREFIX '$PREFIX': use 1-24 lower-case letters, digits and '-', starting with a letter"
    [[ $STATE == /* ]] || die "PLAB_STATE '$STATE' must be an absolute path"
    [[ $WAIT_S =~ ^[0-9]+$ ]] && ((WAIT_S >= 1 && WAIT_S <= 600)) || die "PLAB_WAIT '$WAIT_S' must be whole seconds within 1...600"
}

check_tools() {
    ((EUID == 0)) || die "network namespaces need root (run as root or with sudo)"
    local tool
    for tool in ip nft setsid; do
        command -v "$tool" >/dev/null || die "'$tool' is not installed (apt-get install iproute2 nftables util-linux)"
    done
}

# The absolute path of the portolan binary: $PORTOLAN, else portolan on PATH.
find_portolan() {
    local bin=${PORTOLAN:-}
    if [[ -z $bin ]]; then
        bin=$(command -v portolan) || die "portolan is not on PATH; set PORTOLAN=/path/to/portolan (e.g. .build/debug/portolan)"
    elif [[ $bin != */* ]]; then
        bin=$(command -v "$bin") || die "PORTOLAN=$PORTOLAN is not on PATH"
    fi
    [[ -x $bin && -f $bin ]] || die "PORTOLAN: '$bin' is not an executable file"
    bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
    [[ $bin != *[\"\\]* ]] || die "PORTOLAN: '$bin' contains a quote or backslash; move the binary"
    echo "$bin"
}

# Is PID a live process whose command line mentions WORD (guards against reused pids)?
pid_is() {
    local pid=$1 word=$2
    [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -F -- "$word" >/dev/null
}

# Stops every process of the lab: those recorded in the state folder and those still inside its
# namespaces (agents, a mimic started by hand). TERM first, KILL after 5 s.
stop_processes() {
    local pids=() pid z file
    if [[ -d $STATE ]]; then
        for file in "$STATE"/mimic-*.pid; do
            [[ -f $file ]] || continue
            pid=$(<"$file")
            if pid_is "$pid" mimic; then pids+=("$pid"); fi
        done
    fi
    for z in "${ZONES[@]}" router; do
        if ns_exists "$(ns "$z")"; then
            for pid in $(ip netns pids "$(ns "$z")" 2>/dev/null || true); do pids+=("$pid"); done
        fi
    done
    ((${#pids[@]} > 0)) || return 0
    kill -TERM "${pids[@]}" 2>/dev/null || true
    local i alive
    for ((i = 0; i < 50; i++)); do
        alive=()
        for pid in "${pids[@]}"; do
            if kill -0 "$pid" 2>/dev/null; then alive+=("$pid"); fi
        done
        ((${#alive[@]} > 0)) || return 0
        sleep 0.1
    done
    say "killing processes that ignored SIGTERM for 5 s: ${alive[*]}"
    kill -KILL "${alive[@]}" 2>/dev/null || true
}

teardown() {
    stop_processes
    local z
    for z in "${ZONES[@]}" router; do
        if ns_exists "$(ns "$z")"; then
            ip netns delete "$(ns "$z")" || say "could not delete namespace $(ns "$z")"
        fi
    done
    if [[ -d $STATE ]]; then
        # Only the files this script writes; a folder that holds anything else is left in place.
        rm -f -- "$STATE"/mimic-*.log "$STATE"/mimic-*.pid "$STATE"/lab.yaml "$STATE"/prefix
        rmdir -- "$STATE" 2>/dev/null || say "left $STATE in place: it holds files lab.sh did not write"
    fi
}

build_network() {
    local router z net
    router=$(ns router)
    for z in router "${ZONES[@]}"; do
        ip netns add "$(ns "$z")"
        ip -n "$(ns "$z")" link set lo up
    done
    for z in "${ZONES[@]}"; do
        net=${NET[$z]}
        # The veth is made inside the router and its peer inside the zone: no interface on the host.
        ip -n "$router" link add "$z" type veth peer name eth0 netns "$(ns "$z")"
        ip -n "$router" addr add "$net.1/24" dev "$z"
        ip -n "$router" link set "$z" up
        ip -n "$(ns "$z")" addr add "$net.2/24" dev eth0
        ip -n "$(ns "$z")" link set eth0 up
        ip -n "$(ns "$z")" route add default via "$net.1"
    done
    # Forwarding, and no ICMP rate limit: every rejected UDP probe gets its port-unreachable.
    ip netns exec "$router" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0 >/dev/null
    ip netns exec "$router" nft -f "$HERE/perimeter.nft" || die "nft rejected $HERE/perimeter.nft"
}

close_inherited_fds() {
    local fd
    for fd in /proc/self/fd/*; do
        fd=${fd##*/}
        if [[ $fd =~ ^[0-9]+$ ]] && ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

start_mimics() {
    local bin=$1 line zone address schema role kind name
    for line in "${MIMICS[@]}"; do
        read -r zone address schema role kind <<<"$line"
        ip -n "$(ns "$zone")" addr add "$address/24" dev eth0
    done
    for line in "${MIMICS[@]}"; do
        read -r zone address schema role kind <<<"$line"
        name="$schema-$role"
        # setsid: the mimic leaves this terminal's session, so a later Ctrl-C there does not stop it.
        # Descriptors above 2 are closed first: a caller that learns of this script's end from one
        # of them (Foundation's Process watches a socket its child inherits) would otherwise wait for
        # the mimics to end too.
        (
            close_inherited_fds
            exec setsid ip netns exec "$(ns "$zone")" "$bin" mimic "$kind" --schema "$schema" --bind "$address" --no-user-packs
        ) </dev/null >"$STATE/mimic-$name.log" 2>&1 &
        echo $! >"$STATE/mimic-$name.pid"
    done
    local destination source net
    for line in "${SOURCES[@]}"; do
        read -r zone destination source <<<"$line"
        net=${NET[$zone]}
        ip -n "$(ns "$zone")" route replace "$destination" via "$net.1" src "$source"
    done
}

show_log() {
    if [[ -s $1 ]]; then sed 's/^/    /' "$1" >&2; else echo "    (empty)" >&2; fi
}

# Polls the mimics' logs until each says "N of N ports open" (at most PLAB_WAIT seconds).
wait_for_mimics() {
    local pending=("${MIMICS[@]}") line zone address schema role kind name log ready opened total
    local rounds=$((WAIT_S * 10)) i
    for ((i = 0; i < rounds && ${#pending[@]} > 0; i++)); do
        local still=()
        for line in "${pending[@]}"; do
            read -r zone address schema role kind <<<"$line"
            name="$schema-$role"
            log="$STATE/mimic-$name.log"
            ready=$(grep -E -m1 'mimic: .*: [0-9]+ of [0-9]+ ports open' "$log" 2>/dev/null || true)
            if [[ -n $ready ]]; then
                [[ $ready =~ ([0-9]+)\ of\ ([0-9]+)\ ports\ open ]]
                opened=${BASH_REMATCH[1]} total=${BASH_REMATCH[2]}
                if ((opened != total)); then
                    say "mimic $name ($kind on $address in $(ns "$zone")) opened only $opened of $total ports; its log ($log):"
                    show_log "$log"
                    return 1
                fi
            elif ! kill -0 "$(<"$STATE/mimic-$name.pid")" 2>/dev/null; then
                say "mimic $name ($kind on $address in $(ns "$zone")) exited before listening; its log ($log):"
                show_log "$log"
                return 1
            else
                still+=("$line")
            fi
        done
        pending=("${still[@]+"${still[@]}"}")
        ((${#pending[@]} == 0)) || sleep 0.1
    done
    if ((${#pending[@]} > 0)); then
        for line in "${pending[@]}"; do
            read -r zone address schema role kind <<<"$line"
            name="$schema-$role"
            say "mimic $name ($kind on $address in $(ns "$zone")) did not report its ports within $WAIT_S s; its log:"
            show_log "$STATE/mimic-$name.log"
        done
        return 1
    fi
}

# lab.yaml with this lab's namespace names and the absolute path of the portolan that runs the mimics.
write_topology() {
    local bin=$1 line
    while IFS= read -r line || [[ -n $line ]]; do
        line=${line//"[ip, netns, exec, plab-"/"[ip, netns, exec, $PREFIX-"}
        line=${line//", portolan, agent]"/", \"$bin\", agent]"}
        printf '%s\n' "$line"
    done <"$HERE/lab.yaml" >"$STATE/lab.yaml"
    grep -qF "exec, $PREFIX-inet, \"$bin\", agent]" "$STATE/lab.yaml" \
        || die "could not substitute the vantage commands of $HERE/lab.yaml (expected [ip, netns, exec, plab-ZONE, portolan, agent])"
}

cmd_up() {
    check_tools
    local bin z
    UP_OK=0
    bin=$(find_portolan)
    [[ -f $HERE/perimeter.nft && -f $HERE/lab.yaml ]] || die "perimeter.nft or lab.yaml missing beside $0"
    for z in router "${ZONES[@]}"; do
        ! ns_exists "$(ns "$z")" || die "namespace $(ns "$z") already exists: the lab '$PREFIX' is up; run 'lab.sh down' first"
    done
    if [[ -e $STATE ]]; then
        [[ -d $STATE ]] || die "PLAB_STATE $STATE exists and is not a folder"
        [[ ! -e $STATE/lab.yaml ]] || say "removing stale state of an earlier lab in $STATE"
    fi
    # From here on, any failure (or Ctrl-C) removes whatever was made.
    trap 'if ((UP_OK == 0)); then say "up failed; removing what it made"; teardown; fi' EXIT
    trap 'exit 130' INT TERM
    teardown  # stale pid files and logs of an earlier lab with this state folder
    mkdir -p "$STATE"
    echo "$PREFIX" >"$STATE/prefix"
    build_network
    start_mimics "$bin"
    wait_for_mimics || die "the lab '$PREFIX' did not come up"
    write_topology "$bin"
    UP_OK=1
    trap - EXIT INT TERM
    echo "lab '$PREFIX' is up: namespaces $(ns lan) $(ns dmz) $(ns inet) $(ns router), ${#MIMICS[@]} mimics (logs in $STATE)"
    echo "probe it:  PATH=$(dirname "$bin"):\$PATH portolan probe $STATE/lab.yaml"
    echo "topology: $STATE/lab.yaml"
}

cmd_down() {
    check_tools
    teardown
    echo "lab '$PREFIX' is down"
}

cmd_status() {
    local z line zone address schema role kind name pid ready missing=0 any=0
    for z in "${ZONES[@]}" router; do
        if ns_exists "$(ns "$z")"; then any=1; fi
    done
    if ((any == 0)) && [[ ! -d $STATE ]]; then
        echo "lab '$PREFIX' is down (no namespace $PREFIX-*, no $STATE)"
        return 1
    fi
    for z in "${ZONES[@]}" router; do
        if ns_exists "$(ns "$z")"; then
            echo "namespace $(ns "$z"): $(ip -n "$(ns "$z")" -4 -o addr show scope global 2>/dev/null | awk '{print $4}' | tr '\n' ' ')"
        else
            echo "namespace $(ns "$z"): missing"
            missing=1
        fi
    done
    for line in "${MIMICS[@]}"; do
        read -r zone address schema role kind <<<"$line"
        name="$schema-$role"
        pid=$(cat "$STATE/mimic-$name.pid" 2>/dev/null || true)
        if pid_is "$pid" mimic; then
            ready=$(grep -E -m1 'ports open' "$STATE/mimic-$name.log" 2>/dev/null | sed 's/.*mimic: //' || true)
            echo "mimic $name on $address: pid $pid, ${ready:-not listening yet}"
        else
            echo "mimic $name on $address: not running"
            missing=1
        fi
    done
    if ns_exists "$(ns router)"; then
        echo "perimeter rules with their counters:"
        ip netns exec "$(ns router)" nft list table inet perimeter | grep -E 'counter|policy' | sed 's/^[[:space:]]*/    /'
    fi
    if [[ -f $STATE/lab.yaml ]]; then echo "topology: $STATE/lab.yaml"; fi
    return "$missing"
}

check_settings
case ${1:-} in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    -h | --help | help) usage ;;
    *)
        usage >&2
        exit 2
        ;;
esac
