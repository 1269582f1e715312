#!/usr/bin/env bash
# How many uppercase exchanges can this machine do at all, over loopback? Measures the cheapest server and load
# generator it can run (two small C programs in bench/ceiling/, built here with gcc) beside the lab's Java servers
# and the seed's Python servers, alternating, for a few rounds: TCP with both the lab's `bench` and the C client,
# UDP with `bench`. If the C server is not much faster than the seed's, no server can be: what the two cores spend
# their time on is the kernel's work for each connection and datagram, not the servers' own.
#
# Usage (from anywhere; it builds only the C programs, into a temporary directory):
#   mvn -q package -DskipTests      # once, to build target/socket-lab.jar
#   bench/ceiling.sh                # about 3 minutes
# Settings, as environment variables: ROUNDS=3 DURATION=5s CLIENTS=16 PREWARM=5s MESSAGE='...' (ASCII: the C
# programs upper-case ASCII only). Each run has 1 s of warm-up; PREWARM is one unrecorded run against each Java
# server first, so that the JIT compiler has compiled its hot code before anything is measured.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CLIENTS=${CLIENTS:-16}
PREWARM=${PREWARM:-5s}
MESSAGE=${MESSAGE:-the quick brown fox jumps over the lazy dog}
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
require_jar
python=$(python_available) # yes, or why not
warn_tw_reuse
if ! command -v gcc >/dev/null; then
    echo "ceiling.sh: gcc is not installed, and the C programs it measures against need it (apt-get install gcc)" >&2
    exit 2
fi
if [[ ! $DURATION =~ ^[0-9]+s$ ]] || ((${DURATION%s} < 2)) || [[ ! $PREWARM =~ ^[0-9]+s$ ]]; then
    echo "ceiling.sh: DURATION and PREWARM must be whole seconds, like 5s, and DURATION at least 2s" >&2
    exit 2
fi
seconds=${DURATION%s}

gcc -O2 -Wall -o "$work/uppercase_server" "$repo/bench/ceiling/uppercase_server.c"
gcc -O2 -Wall -pthread -o "$work/uppercase_client" "$repo/bench/ceiling/uppercase_client.c"

servers=(c java)
if [[ $python == yes ]]; then
    servers+=(python)
fi
runs=("tcp bench" "tcp c" "udp bench") # protocol and client; the C client speaks TCP only

echo "== the machine's ceiling: uppercase exchanges over loopback =="
print_machine
echo "runs:    $ROUNDS rounds x {tcp with bench, tcp with the c client, udp with bench} x {${servers[*]}} server," \
    "each: $CLIENTS clients, $DURATION after 1s warm-up"
echo

for server in "${servers[@]}"; do
    serve "$server-tcp"
    serve "$server-udp"
done

# run_client PROTO CLIENT SERVER SECONDS OUT: starts the client in the background, its output in OUT; sets
# client_pid.
run_client() {
    local proto=$1 client=$2 server=$3 seconds=$4 out=$5
    if [[ $client == bench ]]; then
        java -jar "$jar" bench "$proto" --port "${port_of[$server-$proto]}" --clients "$CLIENTS" \
            --duration "${seconds}s" --warmup 1s --message "$MESSAGE" >"$out" &
    else
        "$work/uppercase_client" "${port_of[$server-$proto]}" "$CLIENTS" "$seconds" "$MESSAGE" >"$out" &
    fi
    client_pid=$!
}

# User + system time of a process in 1/100 s ("gone" once it has been reaped), and of the whole machine (user,
# nice, system, irq, softirq; not idle, not iowait, which is idle too).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo gone; }
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# measure PROTO CLIENT SERVER OUT: one run; besides the client's output, OUT holds the CPU the server, the client
# and the whole machine used in the middle of the run (after the warm-up, before the end), in cores.
measure() {
    local proto=$1 client=$2 server=$3 out=$4 server_pid=${pid_of[$3-$1]}
    run_client "$proto" "$client" "$server" "$seconds" "$out"
    sleep 1.5 # past the client's start and its 1 s warm-up: sampling, not waiting for an event
    local s0 c0 m0 t0 s1 c1 m1 t1
    s0=$(cpu_ticks "$server_pid")
    c0=$(cpu_ticks "$client_pid") # an ended client is a zombie until the wait below: its times are still there
    m0=$(busy_ticks)
    t0=$(date +%s.%N)
    sleep $((seconds - 1))
    s1=$(cpu_ticks "$server_pid")
    c1=$(cpu_ticks "$client_pid")
    m1=$(busy_ticks)
    t1=$(date +%s.%N)
    wait "$client_pid" || true # exit 1 only says there were errors: they are counted
    # A server that died during the run has no figure: n/a, not a number made up from nothing.
    awk -v s0="$s0" -v s1="$s1" -v c0="$c0" -v c1="$c1" -v m=$((m1 - m0)) -v t0="$t0" -v t1="$t1" '
        function cores(a, b) { return (a == "gone" || b == "gone") ? "n/a" : sprintf("%.2f", (b - a) / d) }
        BEGIN { d = (t1 - t0) * 100
                printf "cores: server %s client %s machine %.2f\n", cores(s0, s1), cores(c0, c1), m / d }' >>"$out"
}
cores() { sed -n "s/^cores: .*$1 \([0-9.]*\).*/\1/p" "$2"; } # cores server|client|machine OUT

echo "pre-warming the Java servers for $PREWARM (not recorded)"
for proto in tcp udp; do
    run_client "$proto" bench java "${PREWARM%s}" /dev/null
    wait "$client_pid" || true
    keep_serving "java-$proto"
done
for ((round = 1; round <= ROUNDS; round++)); do
    shift=$((round % ${#servers[@]}))
    order=("${servers[@]:shift}" "${servers[@]:0:shift}") # who goes first rotates
    for run in "${runs[@]}"; do
        read -r proto client <<<"$run"
        for server in "${order[@]}"; do
            out=$work/$proto-$client-$server-$round.out
            measure "$proto" "$client" "$server" "$out"
            printf 'round %d  %s  client %-6s server %-7s %9s req/s  errors %s  wrong %s  cores: server %s client %s machine %s\n' \
                "$round" "$proto" "$client" "$server" "$(field "$out" rps)" "$(field "$out" errors)" \
                "$(field "$out" wrong)" "$(cores server "$out")" "$(cores client "$out")" "$(cores machine "$out")"
            keep_serving "$server-$proto"
        done
    done
done

collect() { # collect PROTO CLIENT SERVER WHAT: that figure of every round, one a line
    local round out
    for ((round = 1; round <= ROUNDS; round++)); do
        out=$work/$1-$2-$3-$round.out
        case $4 in
            rps | errors | wrong) field "$out" "$4" ;;
            *) cores "$4" "$out" ;;
        esac
    done
}
per_request() { awk -v c="$1" -v r="$2" 'BEGIN {printf "%.0f", (r > 0 ? c / r * 1e6 : 0)}'; } # cores, req/s -> us

echo
echo "== medians of $ROUNDS rounds (errors, wrong: totals); CPU per exchange = cores used / exchanges per second =="
printf '%-5s %-7s %-7s %10s %8s %9s %14s %14s %14s %7s %6s\n' proto client server "req/s" "x c" "x python" \
    "server us/req" "client us/req" "machine cores" errors wrong
declare -A rps
for run in "${runs[@]}"; do
    read -r proto client <<<"$run"
    for server in "${servers[@]}"; do
        rps[$proto-$client-$server]=$(collect "$proto" "$client" "$server" rps | median)
    done
    for server in "${servers[@]}"; do
        r=${rps[$proto-$client-$server]}
        printf '%-5s %-7s %-7s %10s %8s %9s %14s %14s %14s %7s %6s\n' "$proto" "$client" "$server" "$r" \
            "$(ratio "$r" "${rps[$proto-$client-c]}")" \
            "$([[ $python == yes ]] && ratio "$r" "${rps[$proto-$client-python]}" || echo -)" \
            "$(per_request "$(collect "$proto" "$client" "$server" server | median)" "$r")" \
            "$(per_request "$(collect "$proto" "$client" "$server" client | median)" "$r")" \
            "$(collect "$proto" "$client" "$server" machine | median)" \
            "$(collect "$proto" "$client" "$server" errors | sum)" "$(collect "$proto" "$client" "$server" wrong | sum)"
    done
done
echo
if [[ $python == yes ]]; then
    for run in "${runs[@]}"; do
        read -r proto client <<<"$run"
        echo "$proto, $client client: the C server does $(ratio "${rps[$proto-$client-c]}" "${rps[$proto-$client-python]}") x" \
            "the seed's Python server's exchanges/s; the lab's Java server" \
            "$(ratio "${rps[$proto-$client-java]}" "${rps[$proto-$client-python]}") x"
    done
else
    echo "no ratios to the seed's servers: they were $python"
fi
