#!/usr/bin/env bash
# Start-up of ./glassbox, median of RUNS (default 5) cold JVM runs after one warm-up run. Needs tmux.
#   plain-java, launcher-without-cds, launcher-with-cds, launcher-with-cds-c1-only: start → first prompt
#     on a real terminal (a tmux pane). The hidden --print-ready-and-exit flag opens the terminal, builds
#     the line reader, starts the engine thread and reads one line exactly as the REPL does, with an
#     Enter already queued, then exits: each figure is start → prompt → accepted line → JVM exit.
#   first-command-*: `glassbox run` of a one-line script (engine start, a pull and a run), no terminal.
#   staleness-check: what the launcher adds on each start to decide whether to build.
# Usage: repl/benchmarks/startup.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-5}
out=$(mktemp -d)
"$root/glassbox" --help >/dev/null # builds and trains the CDS archive if needed

measure() { # name, command...
    local name=$1
    shift
    local file=$out/$name
    cat >"$file.sh" <<SCRIPT
cd '$root'
TIMEFORMAT=%3R
for i in \$(seq 0 $runs); do { time $* >/dev/tty 2>/dev/null; } 2>>'$file.raw'; done
SCRIPT
    tmux new-session -d -s glassbox-bench -x 120 -y 40 "bash '$file.sh'"
    while tmux has-session -t glassbox-bench 2>/dev/null; do sleep 0.2; done
    tail -n +2 "$file.raw" | sort -n >"$file" # the first run only warms the page cache
    printf '%-32s median %s s   (runs: %s)\n' "$name" "$(sed -n "$(((runs + 1) / 2))p" "$file")" "$(tr '\n' ' ' <"$file")"
}

export GLASSBOX_HOME=$out/home
measure plain-java "java -cp repl/target/glassbox.jar dev.glassbox.repl.Main --print-ready-and-exit"
# others may be editing sources: start the last build instead of rebuilding in the middle of a series
measure launcher-without-cds "GLASSBOX_BUILD=0 GLASSBOX_CDS=0 ./glassbox --print-ready-and-exit"
measure launcher-with-cds "GLASSBOX_BUILD=0 ./glassbox --print-ready-and-exit"
# start → engine built → one command run and printed → exit, without a terminal
printf 'docker run -d --name web nginx\n' >"$out/first.gb"
measure first-command-without-cds "GLASSBOX_BUILD=0 GLASSBOX_CDS=0 ./glassbox run '$out/first.gb'"
measure first-command-with-cds "GLASSBOX_BUILD=0 ./glassbox run '$out/first.gb'"
# the same two with C1 only (-XX:TieredStopAtLevel=1), which the launcher does not use
measure launcher-with-cds-c1-only "GLASSBOX_BUILD=0 GLASSBOX_JAVA_OPTS=-XX:TieredStopAtLevel=1 ./glassbox --print-ready-and-exit"
measure first-command-with-cds-c1-only "GLASSBOX_BUILD=0 GLASSBOX_JAVA_OPTS=-XX:TieredStopAtLevel=1 ./glassbox run '$out/first.gb'"
measure staleness-check "find pom.xml */pom.xml */src -newer repl/target/glassbox.stamp -print -quit"
rm -rf "$out"
