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
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
require_jar
python=$(python_available) # yes, or why not
warn_tw_reuse

echo "== socket-lab servers, Java vs the seed's Python =="
print_machine
echo "runs:    $ROUNDS rounds x {tcp, udp} x {java$([[ $python == yes ]] && echo ", python")}, each: bench --clients $CLIENTS --duration $DURATION --warmup $WARMUP"
echo

servers=(java)
serve java-tcp
serve java-udp
if [[ $python == yes ]]; then
    serve python-tcp
    serve python-udp
    servers=(java python)
fi

bench() { # bench SERVER PROTO DURATION [more bench options] -> the bench's output
    local server=$1 proto=$2 duration=$3
    shift 3
    java -jar "$jar" bench "$proto" --port "${port_of[$server-$proto]}" --clients "$CLIENTS" --duration "$duration" \
        --warmup "$WARMUP" --message "$MESSAGE" "$@" || true # exit 1 only says there were errors: they are shown
}

echo "pre-warming each server for $PREWARM (not recorded)"
for proto in tcp udp; do
    for server in "${servers[@]}"; do
        bench "$server" "$proto" "$PREWARM" >/dev/null
        keep_serving "$server-$proto"
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
            keep_serving "$server-$proto"
        done
    done
done

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
    tcp_ratio=$(ratio "${rps[java-tcp]}" "${rps[python-tcp]}")
    udp_ratio=$(ratio "${rps[java-udp]}" "${rps[python-udp]}")
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
java -jar "$jar" bench tcp --port "${port_of[java-tcp]}" --clients 1 --duration 5s --warmup "$WARMUP" \
    --message "$MESSAGE" --idle "$IDLE" >"$out" || true
sed 's/^/java:   /' "$out"
max=$(field "$out" max)
echo "java:   slowest reply ${max} ms with $IDLE idle connections (target < 100 ms: $(awk -v m="$max" \
    'BEGIN {print (m < 100 ? "met" : "NOT met")}'))"
if [[ $python == yes ]]; then
    # The seed's server is iterative: a single silent connection holds it, so one is enough to show it.
    out=$work/python-idle.out
    java -jar "$jar" bench tcp --port "${port_of[python-tcp]}" --clients 1 --duration 3s --warmup 0s \
        --timeout 1s --message "$MESSAGE" --idle 1 >"$out" || true
    echo "python: with just 1 idle connection: $(field "$out" rps) req/s, $(field "$out" errors) errors" \
        "($(sed -n 's/^  [0-9]* x //p' "$out" | head -1)): the iterative server waits on the silent client"
fi
