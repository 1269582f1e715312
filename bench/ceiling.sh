#!/usr/bin/env bash
# What do the load generators cost, and does the choice change the ranking? Runs both of them, socket-lab's own
# `bench` (Java) and the C load generator of bench/ceiling/ (built here with gcc), over TCP and UDP against the C,
# Java and Python servers, alternating, for a few rounds, and prints for every pairing the exchanges per second,
# the CPU per exchange of the server and of the load generator (each read at the start and the end of the measured
# window), and how many of the machine's cores were busy. A load generator ranks servers only when it costs less
# per exchange than they do, and when the machine's cores are not all spent before the server's are.
#
# Usage (from anywhere; it builds only the C programs, into a temporary directory):
#   mvn -q package -DskipTests      # once, to build target/socket-lab.jar
#   bench/ceiling.sh                # about 7 minutes
# Settings, as environment variables: ROUNDS=3 DURATION=5s CLIENTS=16 PREWARM=20s MESSAGE='...' (ASCII: the C
# programs upper-case ASCII only). Each run has 1 s of warm-up; PREWARM is one unrecorded run against each Java
# server first: its CPU per exchange still falls for about 20 s under this load (BENCHMARKS.md).
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CLIENTS=${CLIENTS:-16}
PREWARM=${PREWARM:-20s}
MESSAGE=${MESSAGE:-the quick brown fox jumps over the lazy dog}
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
require_jar
whole_seconds DURATION "$DURATION"
whole_seconds PREWARM "$PREWARM"
if ((${DURATION%s} < 2)); then
    echo "ceiling.sh: DURATION must be at least 2s: the machine's CPU is sampled inside the window" >&2
    exit 2
fi
python=$(python_available) # yes, or why not
warn_tw_reuse
build_c_programs
seconds=${DURATION%s}

servers=(c java)
if [[ $python == yes ]]; then
    servers+=(python)
fi
runs=("tcp bench" "tcp c" "udp bench" "udp c") # protocol and load generator

echo "== load generators and servers: uppercase exchanges over loopback =="
print_machine
echo "runs:    $ROUNDS rounds x {tcp, udp} x {bench, c} load generator x {${servers[*]}} server," \
    "each: $CLIENTS clients, $DURATION after 1s warm-up"
echo

serve_all "${servers[@]}"

# Busy time of the whole machine in 1/100 s (user, nice, system, irq, softirq; not idle, not iowait).
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# measure PROTO GENERATOR SERVER OUT: one run; besides the generator's output, OUT holds how many cores the whole
# machine kept busy in the middle of the run (after the warm-up, before the end).
measure() {
    local proto=$1 generator=$2 server=$3 out=$4
    load "$generator" "$proto" "$server" "$seconds" "$out" &
    local load_pid=$!
    sleep 1.5 # past the generator's start and its 1 s warm-up: sampling, not waiting for an event
    local m0 t0 m1 t1
    m0=$(busy_ticks)
    t0=$(date +%s.%N)
    sleep $((seconds - 1))
    m1=$(busy_ticks)
    t1=$(date +%s.%N)
    wait "$load_pid"
    awk -v m=$((m1 - m0)) -v t0="$t0" -v t1="$t1" 'BEGIN {printf "machine cores: %.2f\n", m / ((t1 - t0) * 100)}' >>"$out"
}
machine() { sed -n 's/^machine cores: //p' "$1"; }

echo "pre-warming the Java servers for $PREWARM (not recorded)"
for proto in tcp udp; do
    load c "$proto" java "${PREWARM%s}" /dev/null
    keep_serving "java-$proto"
done
for ((round = 1; round <= ROUNDS; round++)); do
    shift=$((round % ${#servers[@]}))
    order=("${servers[@]:shift}" "${servers[@]:0:shift}") # who goes first rotates
    for run in "${runs[@]}"; do
        read -r proto generator <<<"$run"
        for server in "${order[@]}"; do
            out=$work/$proto-$generator-$server-$round.out
            measure "$proto" "$generator" "$server" "$out"
            printf 'round %d  %s  generator %-6s server %-7s %9s req/s  errors %s  wrong %s  cpu us/exchange: server %s generator %s  machine cores %s\n' \
                "$round" "$proto" "$generator" "$server" "$(field "$out" rps)" "$(field "$out" errors)" \
                "$(field "$out" wrong)" "$(field "$out" server_us)" "$(field "$out" client_us)" "$(machine "$out")"
            keep_serving "$server-$proto"
        done
    done
done

collect() { # collect PROTO GENERATOR SERVER WHAT: that figure of every round, one a line
    local round out
    for ((round = 1; round <= ROUNDS; round++)); do
        out=$work/$1-$2-$3-$round.out
        if [[ $4 == machine ]]; then
            machine "$out"
        else
            field "$out" "$4"
        fi
    done
}

echo
echo "== medians of $ROUNDS rounds (errors, wrong: totals); cpu: microseconds of CPU per exchange =="
printf '%-5s %-9s %-7s %10s %7s %9s %11s %14s %9s %14s %7s %6s\n' proto generator server "req/s" "x c" "x python" \
    "server cpu" "generator cpu" "cheaper?" "machine cores" errors wrong
declare -A rps
for run in "${runs[@]}"; do
    read -r proto generator <<<"$run"
    for server in "${servers[@]}"; do
        rps[$proto-$generator-$server]=$(collect "$proto" "$generator" "$server" rps | median)
    done
    for server in "${servers[@]}"; do
        r=${rps[$proto-$generator-$server]}
        server_cpu=$(collect "$proto" "$generator" "$server" server_us | median)
        generator_cpu=$(collect "$proto" "$generator" "$server" client_us | median)
        printf '%-5s %-9s %-7s %10s %7s %9s %11s %14s %9s %14s %7s %6s\n' "$proto" "$generator" "$server" "$r" \
            "$(ratio "$r" "${rps[$proto-$generator-c]}")" \
            "$([[ $python == yes ]] && ratio "$r" "${rps[$proto-$generator-python]}" || echo -)" \
            "$server_cpu" "$generator_cpu" "$(cheaper "$generator_cpu" "$server_cpu")" \
            "$(collect "$proto" "$generator" "$server" machine | median)" \
            "$(collect "$proto" "$generator" "$server" errors | sum)" \
            "$(collect "$proto" "$generator" "$server" wrong | sum)"
    done
done
echo
for run in "${runs[@]}"; do
    read -r proto generator <<<"$run"
    echo "$proto, $generator load generator: the Java server does $(ratio "${rps[$proto-$generator-java]}" \
        "${rps[$proto-$generator-c]}") x the C server's exchanges/s$([[ $python == yes ]] && echo ", $(ratio \
        "${rps[$proto-$generator-java]}" "${rps[$proto-$generator-python]}") x the seed's Python server's")"
done
