#!/usr/bin/env bash
# Ranks the uppercase servers: socket-lab's Java servers, the seed's Python servers and a C server (one thread, the
# same protocol as the Java one), on loopback, side by side. They are driven by the C load generator of
# bench/ceiling/ (built here with gcc), which does what the seed's clients do and costs less per exchange than the
# servers it ranks: each run prints the generator's CPU per exchange beside the server's. A few rounds, the order
# rotating every round; then the medians, the ratios against the targets, and a client's wait while 1,000 idle TCP
# connections are held (socket-lab's own `bench`, right after they connected).
#
# Usage (from anywhere; it builds no Java):
#   mvn -q package -DskipTests      # once, to build target/socket-lab.jar
#   bench/compare.sh                # about 4 minutes
# Settings, as environment variables:
#   ROUNDS=3 DURATION=5s CLIENTS=16 PREWARM=20s IDLE=1000 MESSAGE='...' (ASCII: the C programs upper-case ASCII only)
# Each run has 1 s of warm-up first. PREWARM is one unrecorded run against each Java server before the rounds: under
# this load a Java server's CPU per exchange still falls for about 20 s (its JIT compiler and its heap settle:
# BENCHMARKS.md), and the rounds measure it settled. The C and Python servers have nothing to settle.
# The seed's servers are copied from ../shared/seed/python/ (beside the repository) with only the port changed;
# without them, or without python3, they are skipped and the script says why.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CLIENTS=${CLIENTS:-16}
PREWARM=${PREWARM:-20s}
IDLE=${IDLE:-1000}
MESSAGE=${MESSAGE:-the quick brown fox jumps over the lazy dog}
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
require_jar
whole_seconds DURATION "$DURATION"
whole_seconds PREWARM "$PREWARM"
python=$(python_available) # yes, or why not
warn_tw_reuse
build_c_programs

servers=(java c)
if [[ $python == yes ]]; then
    servers+=(python)
fi

echo "== uppercase servers side by side: socket-lab's Java, the seed's Python, C =="
print_machine
echo "runs:    $ROUNDS rounds x {tcp, udp} x {${servers[*]}}, each: the C load generator, $CLIENTS clients," \
    "$DURATION after 1s warm-up"
echo

serve_all "${servers[@]}"

echo "pre-warming the Java servers for $PREWARM (not recorded)"
for proto in tcp udp; do
    load c "$proto" java "${PREWARM%s}" /dev/null
    keep_serving "java-$proto"
done

for ((round = 1; round <= ROUNDS; round++)); do
    shift=$((round % ${#servers[@]}))
    order=("${servers[@]:shift}" "${servers[@]:0:shift}") # who goes first rotates
    for proto in tcp udp; do
        for server in "${order[@]}"; do
            out=$work/$server-$proto-$round.out
            load c "$proto" "$server" "${DURATION%s}" "$out"
            printf 'round %d  %-4s %-7s %10s req/s  errors %s  wrong %s  cpu us/exchange: server %s  load generator %s\n' \
                "$round" "$proto" "$server" "$(field "$out" rps)" "$(field "$out" errors)" "$(field "$out" wrong)" \
                "$(field "$out" server_us)" "$(field "$out" client_us)"
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
echo "== summary: medians of $ROUNDS rounds (errors, wrong: totals); cpu: microseconds of CPU per exchange =="
printf '%-5s %-7s %10s %7s %9s %11s %9s %14s %10s %7s %6s\n' proto server "req/s" "x c" "x python" "server cpu" \
    "cpu x c" "generator cpu" "cheaper?" errors wrong
declare -A rps cpu
for proto in tcp udp; do
    for server in "${servers[@]}"; do
        rps[$server-$proto]=$(collect "$server" "$proto" rps | median)
    done
    for server in "${servers[@]}"; do
        cpu[$server-$proto]=$(collect "$server" "$proto" server_us | median)
    done
    for server in "${servers[@]}"; do
        generator_cpu=$(collect "$server" "$proto" client_us | median)
        printf '%-5s %-7s %10s %7s %9s %11s %9s %14s %10s %7s %6s\n' "$proto" "$server" "${rps[$server-$proto]}" \
            "$(ratio "${rps[$server-$proto]}" "${rps[c-$proto]}")" \
            "$([[ $python == yes ]] && ratio "${rps[$server-$proto]}" "${rps[python-$proto]}" || echo -)" \
            "${cpu[$server-$proto]}" "$(ratio "${cpu[c-$proto]}" "${cpu[$server-$proto]}")" "$generator_cpu" \
            "$(cheaper "$generator_cpu" "${cpu[$server-$proto]}")" \
            "$(collect "$server" "$proto" errors | sum)" "$(collect "$server" "$proto" wrong | sum)"
    done
done

echo
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r >= t ? "met" : "NOT met")}'; }
echo "java/c, tcp:      $(ratio "${rps[java-tcp]}" "${rps[c-tcp]}")  (target >= 0.9: $(verdict "$(ratio "${rps[java-tcp]}" "${rps[c-tcp]}")" 0.9))"
if [[ $python == yes ]]; then
    echo "java/python, tcp: $(ratio "${rps[java-tcp]}" "${rps[python-tcp]}")  (target >= 1.3:" \
        "$(verdict "$(ratio "${rps[java-tcp]}" "${rps[python-tcp]}")" 1.3))"
else
    echo "java/python, tcp: none, the Python servers were $python"
fi
echo "java/c, udp:      $(ratio "${rps[java-udp]}" "${rps[c-udp]}")  (target >= 0.9: $(verdict "$(ratio "${rps[java-udp]}" "${rps[c-udp]}")" 0.9))"
java_clean=yes
for proto in tcp udp; do
    if [[ $(collect java "$proto" errors | sum) != 0 || $(collect java "$proto" wrong | sum) != 0 ]]; then
        java_clean=no
    fi
done
echo "java: zero errors and zero wrong replies: $java_clean"
echo "(cpu x c: the C server's CPU per exchange over this server's. cheaper?: whether the load generator spent less"
echo "CPU per exchange than this server. Where it did not, the two share both cores, each exchange costs both, and the"
echo "req/s ratios lie closer to 1 than the servers' own costs: BENCHMARKS.md, \"When the load generator is dearer\".)"

echo
echo "== $IDLE idle TCP connections held open, then one client at once: how long does it wait? =="
# socket-lab's bench opens the idle connections, then starts its client with no warm-up: its first exchange is
# the one that comes right after the thousand connected.
out=$work/java-idle.out
java -jar "$jar" bench tcp --port "${port_of[java-tcp]}" --clients 1 --duration 2s --warmup 0s \
    --message "$MESSAGE" --idle "$IDLE" >"$out" || true
sed 's/^/java:   /' "$out"
first=$(field "$out" first)
echo "java:   first reply ${first} ms after $IDLE idle connections connected (target < 20 ms: $(awk -v m="$first" \
    'BEGIN {print (m != "" && m < 20 ? "met" : "NOT met")}')); slowest of the run $(field "$out" max) ms"
if [[ $python == yes ]]; then
    # The seed's server is iterative: a single silent connection holds it, so one is enough to show it.
    out=$work/python-idle.out
    java -jar "$jar" bench tcp --port "${port_of[python-tcp]}" --clients 1 --duration 3s --warmup 0s \
        --timeout 1s --message "$MESSAGE" --idle 1 >"$out" || true
    echo "python: with just 1 idle connection: $(field "$out" rps) req/s, $(field "$out" errors) errors" \
        "($(sed -n 's/^  [0-9]* x //p' "$out" | head -1)): the iterative server waits on the silent client"
fi
