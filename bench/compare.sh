#!/usr/bin/env bash
# Benchmarks the lab's Java servers against the seed's Python servers, on loopback, with the same `bench` run
# against each, alternating Java and Python for a few rounds, then prints both servers' figures and the ratios.
#
# Usage (from anywhere; it builds nothing):
#   mvn -q package -DskipTests      # once, to build target/socket-lab.jar
#   bench/compare.sh
# Settings, as environment variables:
#   ROUNDS=3 DURATION=10s WARMUP=1s CLIENTS=16 PREWARM=5s IDLE=1000 MESSAGE='...'
# PREWARM is one unrecorded run against each server before the rounds, so the JVM's JIT compiler has compiled
# the Java servers' hot code before anything is measured (the Python servers get the same run).
# The seed's servers are copied from ../shared/seed/python/ (beside the repository) with only the port changed;
# without them, or without python3, only the Java servers are measured.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-1s}
CLIENTS=${CLIENTS:-16}
PREWARM=${PREWARM:-5s}
IDLE=${IDLE:-1000}
MESSAGE=${MESSAGE:-the quick brown fox jumps over the lazy dog}
READY='The server is ready to receive'

repo=$(cd "$(dirname "$0")/.." && pwd)
jar=$repo/target/socket-lab.jar
seed=$(dirname "$repo")/shared/seed/python
if [[ ! -f $jar ]]; then
    echo "compare.sh: $jar is missing; build it first with: mvn -q package -DskipTests" >&2
    exit 2
fi

work=$(mktemp -d)
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

taken=" "
# A port that no TCP or UDP socket uses now, below the ephemeral range (so the clients' ports never collide).
free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 12000))
        if [[ $taken != *" $port "* ]] && [[ -z $(ss -Htuan "sport = :$port") ]]; then
            taken+="$port "
            echo "$port"
            return
        fi
    done
}

# start NAME COMMAND...: starts a server with its output in $work/NAME.log and waits for its ready line.
start() {
    local name=$1 deadline=$((SECONDS + 30))
    shift
    "$@" >"$work/$name.log" 2>&1 &
    local pid=$!
    pids+=("$pid")
    until grep -q "$READY" "$work/$name.log"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "compare.sh: $name exited before it was ready:" >&2
            cat "$work/$name.log" >&2
            exit 1
        fi
        if ((SECONDS > deadline)); then
            echo "compare.sh: $name printed no ready line within 30 s" >&2
            exit 1
        fi
        sleep 0.05 # polling for the ready line, not waiting a fixed time
    done
}

python=yes # or why not
if [[ ! -d $seed ]]; then
    python="skipped: $seed is not there (the seed's programs are in ../shared beside the repository)"
elif ! command -v python3 >/dev/null; then
    python="skipped: python3 is not installed"
fi

# The TCP client closes first, so each connection leaves its client port in TIME_WAIT for 60 s; only
# net.ipv4.tcp_tw_reuse (2, the default: loopback only) lets connect() take such a port again after 1 s.
tw_reuse=$(cat /proc/sys/net/ipv4/tcp_tw_reuse 2>/dev/null || echo unknown)
if [[ $tw_reuse == 0 ]]; then
    echo "compare.sh: warning: net.ipv4.tcp_tw_reuse is 0, so the client's ports stay in TIME_WAIT for 60 s and a" \
        "TCP run at thousands of connections a second runs out of them within seconds ('no free local port'" \
        "errors); use DURATION=2s, or sysctl -w net.ipv4.tcp_tw_reuse=2 (see BENCHMARKS.md)" >&2
fi

echo "== socket-lab servers, Java vs the seed's Python =="
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), Linux $(uname -r)"
echo "java:    $(java -version 2>&1 | head -1)"
echo "python:  $([[ $python == yes ]] && python3 --version || echo "$python")"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "tcp:     ephemeral ports $(tr '\t' - </proc/sys/net/ipv4/ip_local_port_range), tcp_tw_reuse $tw_reuse"
echo "runs:    $ROUNDS rounds x {tcp, udp} x {java$([[ $python == yes ]] && echo ", python")}, each: bench --clients $CLIENTS --duration $DURATION --warmup $WARMUP"
echo

declare -A port
port[java-tcp]=$(free_port)
port[java-udp]=$(free_port)
start java-tcp java -jar "$jar" tcp-server --port "${port[java-tcp]}"
start java-udp java -jar "$jar" udp-server --port "${port[java-udp]}"
servers=(java)
if [[ $python == yes ]]; then
    port[python-tcp]=$(free_port)
    port[python-udp]=$(free_port)
    for proto in tcp udp; do
        sed "s/^serverPort = 12000$/serverPort = ${port[python-$proto]}/" "$seed/${proto}_server.py" \
            >"$work/${proto}_server.py"
        if ! grep -q "^serverPort = ${port[python-$proto]}$" "$work/${proto}_server.py"; then
            echo "compare.sh: could not change the port in $seed/${proto}_server.py" >&2
            exit 1
        fi
        # -u: unbuffered, so the ready line reaches the log file at once
        start "python-$proto" python3 -u "$work/${proto}_server.py"
    done
    servers=(java python)
fi

bench() { # bench SERVER PROTO DURATION [more bench options] -> the bench's output
    local server=$1 proto=$2 duration=$3
    shift 3
    java -jar "$jar" bench "$proto" --port "${port[$server-$proto]}" --clients "$CLIENTS" --duration "$duration" \
        --warmup "$WARMUP" --message "$MESSAGE" "$@" || true # exit 1 only says there were errors: they are shown
}

field() { # field OUTPUT-FILE NAME: one figure from a bench output
    case $2 in
        rps) sed -n 's/^requests\/s: \([0-9.]*\).*/\1/p' "$1" ;;
        p50) sed -n 's/^latency ms: p50 \([0-9.]*\),.*/\1/p' "$1" ;;
        p99) sed -n 's/^latency ms: .* p99 \([0-9.]*\),.*/\1/p' "$1" ;;
        max) sed -n 's/^latency ms: .* max \([0-9.]*\)$/\1/p' "$1" ;;
        errors) sed -n 's/^errors: \([0-9]*\)$/\1/p' "$1" ;;
        wrong) sed -n 's/^wrong replies: \([0-9]*\)$/\1/p' "$1" ;;
    esac
}

echo "pre-warming each server for $PREWARM (not recorded)"
for proto in tcp udp; do
    for server in "${servers[@]}"; do
        bench "$server" "$proto" "$PREWARM" >/dev/null
    done
done

for ((round = 1; round <= ROUNDS; round++)); do
    order=("${servers[@]}")
    if ((round % 2 == 0)) && ((${#servers[@]} == 2)); then
        order=(python java) # alternate who goes first
    fi
    for proto in tcp udp; do
        for server in "${order[@]}"; do
            out=$work/$server-$proto-$round.out
            bench "$server" "$proto" "$DURATION" >"$out"
            printf 'round %d  %-4s %-7s %10s req/s  p50 %s ms  p99 %s ms  max %s ms  errors %s  wrong %s\n' \
                "$round" "$proto" "$server" "$(field "$out" rps)" "$(field "$out" p50)" "$(field "$out" p99)" \
                "$(field "$out" max)" "$(field "$out" errors)" "$(field "$out" wrong)"
            sed -n 's/^  \([0-9]* x .*\)/             \1/p' "$out"
        done
    done
done

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
sum() { awk '{s += $1} END {print s + 0}'; }
maximum() { sort -g | tail -1; }
collect() { # collect SERVER PROTO FIELD: that figure of every round, one a line
    local round
    for ((round = 1; round <= ROUNDS; round++)); do
        field "$work/$1-$2-$round.out" "$3"
    done
}

echo
echo "== summary: medians of $ROUNDS rounds (max: the largest; errors, wrong: totals) =="
printf '%-4s %-7s %12s %9s %9s %9s %7s %6s\n' proto server "req/s" "p50 ms" "p99 ms" "max ms" errors wrong
declare -A rps
for proto in tcp udp; do
    for server in "${servers[@]}"; do
        rps[$server-$proto]=$(collect "$server" "$proto" rps | median)
        printf '%-4s %-7s %12s %9s %9s %9s %7s %6s\n' "$proto" "$server" "${rps[$server-$proto]}" \
            "$(collect "$server" "$proto" p50 | median)" "$(collect "$server" "$proto" p99 | median)" \
            "$(collect "$server" "$proto" max | maximum)" "$(collect "$server" "$proto" errors | sum)" \
            "$(collect "$server" "$proto" wrong | sum)"
    done
done

echo
java_clean=yes
for proto in tcp udp; do
    if [[ $(collect java "$proto" errors | sum) != 0 || $(collect java "$proto" wrong | sum) != 0 ]]; then
        java_clean=no
    fi
done
if [[ $python == yes ]]; then
    tcp_ratio=$(awk -v j="${rps[java-tcp]}" -v p="${rps[python-tcp]}" 'BEGIN {printf "%.2f", j / p}')
    udp_ratio=$(awk -v j="${rps[java-udp]}" -v p="${rps[python-udp]}" 'BEGIN {printf "%.2f", j / p}')
    verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r >= t ? "met" : "NOT met")}'; }
    echo "ratio java/python, tcp: $tcp_ratio  (target >= 1.5: $(verdict "$tcp_ratio" 1.5))"
    echo "ratio java/python, udp: $udp_ratio  (target >= 1.0: $(verdict "$udp_ratio" 1.0))"
else
    echo "ratios: none, the Python servers were $python"
fi
echo "java: zero errors and zero wrong replies: $java_clean"

echo
echo "== $IDLE idle TCP connections held open, one client: how long does it wait? =="
out=$work/java-idle.out
java -jar "$jar" bench tcp --port "${port[java-tcp]}" --clients 1 --duration 5s --warmup "$WARMUP" \
    --message "$MESSAGE" --idle "$IDLE" >"$out" || true
sed 's/^/java:   /' "$out"
max=$(field "$out" max)
echo "java:   slowest reply ${max} ms with $IDLE idle connections (target < 100 ms: $(awk -v m="$max" \
    'BEGIN {print (m < 100 ? "met" : "NOT met")}'))"
if [[ $python == yes ]]; then
    # The seed's server is iterative: a single silent connection holds it, so one is enough to show it.
    out=$work/python-idle.out
    java -jar "$jar" bench tcp --port "${port[python-tcp]}" --clients 1 --duration 3s --warmup 0s \
        --timeout 1s --message "$MESSAGE" --idle 1 >"$out" || true
    echo "python: with just 1 idle connection: $(field "$out" rps) req/s, $(field "$out" errors) errors" \
        "($(sed -n 's/^  [0-9]* x //p' "$out" | head -1)): the iterative server waits on the silent client"
fi
