# Helpers shared by compare.sh and ceiling.sh: free ports, servers started and stopped, the bench's figures.
# Sourced, not run. Expects `set -euo pipefail` and $repo (the repository's root) in the caller.

READY='The server is ready to receive'
jar=$repo/target/socket-lab.jar
seed=$(dirname "$repo")/shared/seed/python

work=$(mktemp -d)
pids=()
declare -A pid_of # server name -> its process id
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

require_jar() {
    if [[ ! -f $jar ]]; then
        echo "$(basename "$0"): $jar is missing; build it first with: mvn -q package -DskipTests" >&2
        exit 2
    fi
}

taken=" "
# free_port: sets $port to a port that no TCP or UDP socket uses now and that this script has not used before,
# below the ephemeral range (so the clients' ports never collide). Called directly, not as $(free_port): a
# subshell would forget what it took.
free_port() {
    while true; do
        port=$((20000 + RANDOM % 12000))
        if [[ $taken != *" $port "* ]] && [[ -z $(ss -Htuan "sport = :$port") ]]; then
            taken+="$port "
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
    pid_of[$name]=$pid
    until grep -qs "$READY" "$work/$name.log"; do # -s: the log may not be there yet
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$(basename "$0"): $name exited before it was ready:" >&2
            cat "$work/$name.log" >&2
            exit 1
        fi
        if ((SECONDS > deadline)); then
            echo "$(basename "$0"): $name printed no ready line within 30 s" >&2
            exit 1
        fi
        sleep 0.05 # polling for the ready line, not waiting a fixed time
    done
}

declare -A port_of # server name -> its port
# serve NAME: starts the server NAME (java-tcp, java-udp, python-tcp, python-udp, c-tcp or c-udp: the last two
# are the program the caller built as $work/uppercase_server) on a free port, and waits until it is ready.
serve() {
    local name=$1 port
    free_port
    port_of[$name]=$port
    case $name in
        java-tcp | java-udp) start "$name" java -jar "$jar" "${name#java-}-server" --port "$port" ;;
        python-tcp | python-udp)
            local proto=${name#python-}
            sed "s/^serverPort = 12000$/serverPort = $port/" "$seed/${proto}_server.py" >"$work/${proto}_server.py"
            if ! grep -q "^serverPort = $port$" "$work/${proto}_server.py"; then
                echo "$(basename "$0"): could not change the port in $seed/${proto}_server.py" >&2
                exit 1
            fi
            # -u: unbuffered, so the ready line reaches the log file at once
            start "$name" python3 -u "$work/${proto}_server.py"
            ;;
        c-tcp | c-udp) start "$name" "$work/uppercase_server" "$port" "${name#c-}" ;;
        *) echo "$(basename "$0"): no server called $name" >&2 && exit 2 ;;
    esac
}

# serve_all SERVER...: the TCP and the UDP server of each (java, c, python).
serve_all() {
    local server
    for server in "$@"; do
        serve "$server-tcp"
        serve "$server-udp"
    done
}

# keep_serving NAME: after a run, checks that the server is still there and answers one sentence within 2 s;
# if not, says so (with the end of its log) and starts it again on a new port, so one stuck server does not
# spoil the runs after it. The run that saw it happen keeps its figures: they are what the server did.
keep_serving() {
    local name=$1 proto=${1##*-}
    if kill -0 "${pid_of[$name]}" 2>/dev/null && java -jar "$jar" "$proto-client" --port "${port_of[$name]}" \
        --message 'are you there' --timeout 2s >/dev/null 2>&1; then
        return
    fi
    if kill -0 "${pid_of[$name]}" 2>/dev/null; then
        echo "             $name no longer answers (no reply within 2 s); started again on another port"
        kill "${pid_of[$name]}" 2>/dev/null || true
    else
        echo "             $name exited; started again on another port. The end of its log:"
        tail -5 "$work/$name.log" | sed 's/^/               /'
    fi
    mv "$work/$name.log" "$work/$name.$SECONDS.log"
    serve "$name"
}

# build_c_programs: the C server and load generator of bench/ceiling/, into $work (gcc -O2).
build_c_programs() {
    if ! command -v gcc >/dev/null; then
        echo "$(basename "$0"): gcc is not installed; the C server and the load generator that ranks the servers" \
            "need it (apt-get install gcc)" >&2
        exit 2
    fi
    gcc -O2 -Wall -o "$work/uppercase_server" "$repo/bench/ceiling/uppercase_server.c"
    gcc -O2 -Wall -pthread -o "$work/uppercase_client" "$repo/bench/ceiling/uppercase_client.c"
}

# whole_seconds NAME VALUE: VALUE must be like 5s (the C load generator counts whole seconds).
whole_seconds() {
    if [[ ! $2 =~ ^[0-9]+s$ ]] || ((${2%s} < 1)); then
        echo "$(basename "$0"): $1 must be whole seconds, like 5s, not $2" >&2
        exit 2
    fi
}

# load GENERATOR PROTO SERVER SECONDS OUT: one run of a load generator (c: bench/ceiling's, bench: socket-lab's
# own) against the server SERVER-PROTO, for SECONDS after 1 s of warm-up, with $CLIENTS clients; its output, the
# server's CPU per exchange included, in OUT.
load() {
    local generator=$1 proto=$2 server=$3 seconds=$4 out=$5
    local port=${port_of[$server-$proto]} pid=${pid_of[$server-$proto]}
    if [[ $generator == c ]]; then
        "$work/uppercase_client" "$proto" "$port" "$CLIENTS" "$seconds" "$MESSAGE" "$pid" >"$out" || true
    else
        java -jar "$jar" bench "$proto" --port "$port" --clients "$CLIENTS" --duration "${seconds}s" --warmup 1s \
            --message "$MESSAGE" --server-pid "$pid" >"$out" || true
    fi # exit 1 only says there were errors: they are in the output
}

# Whether the seed's Python servers can run: "yes", or why not.
python_available() {
    if [[ ! -d $seed ]]; then
        echo "skipped: $seed is not there (the seed's programs are in ../shared beside the repository)"
    elif ! command -v python3 >/dev/null; then
        echo "skipped: python3 is not installed"
    else
        echo yes
    fi
}

# The TCP client closes first, so each connection leaves its client port in TIME_WAIT for 60 s; only
# net.ipv4.tcp_tw_reuse (2, the default: loopback only) lets connect() take such a port again after 1 s.
tw_reuse=$(cat /proc/sys/net/ipv4/tcp_tw_reuse 2>/dev/null || echo unknown)
warn_tw_reuse() {
    if [[ $tw_reuse == 0 ]]; then
        echo "$(basename "$0"): warning: net.ipv4.tcp_tw_reuse is 0, so the client's ports stay in TIME_WAIT for 60 s" \
            "and a TCP run at thousands of connections a second runs out of them within seconds ('no free local" \
            "port' errors); use DURATION=2s, or sysctl -w net.ipv4.tcp_tw_reuse=2 (see BENCHMARKS.md)" >&2
    fi
}

print_machine() {
    echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), Linux $(uname -r)"
    echo "java:    $(java -version 2>&1 | head -1)"
    echo "python:  $([[ $python == yes ]] && python3 --version || echo "$python")"
    echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
    echo "tcp:     ephemeral ports $(tr '\t' - </proc/sys/net/ipv4/ip_local_port_range), tcp_tw_reuse $tw_reuse"
}

field() { # field OUTPUT-FILE NAME: one figure from a bench output
    case $2 in
        rps) sed -n 's/^requests\/s: \([0-9.]*\).*/\1/p' "$1" ;;
        p50) sed -n 's/^latency ms: p50 \([0-9.]*\),.*/\1/p' "$1" ;;
        p99) sed -n 's/^latency ms: .* p99 \([0-9.]*\),.*/\1/p' "$1" ;;
        max) sed -n 's/^latency ms: .* max \([0-9.]*\)$/\1/p' "$1" ;;
        errors) sed -n 's/^errors: \([0-9]*\)$/\1/p' "$1" ;;
        wrong) sed -n 's/^wrong replies: \([0-9]*\)$/\1/p' "$1" ;;
        first) sed -n 's/^first reply ms: \([0-9.]*\)$/\1/p' "$1" ;;
        client_us) sed -n 's/^cpu us\/exchange: client \([0-9.]*\).*/\1/p' "$1" ;;
        server_us) sed -n 's/^cpu us\/exchange: .* server \([0-9.]*\)$/\1/p' "$1" ;;
    esac
}

# cheaper GENERATOR_US SERVER_US: "yes" when the load generator spent less CPU per exchange than the server.
cheaper() { awk -v g="$1" -v s="$2" 'BEGIN {print (g == "" || s == "" ? "-" : g < s ? "yes" : "no")}'; }
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
sum() { awk '{s += $1} END {print s + 0}'; }
maximum() { sort -g | tail -1; }
# ratio A B: A / B to two places; 0.00 when B is 0 (every run failed), rather than stopping on a division by zero.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
