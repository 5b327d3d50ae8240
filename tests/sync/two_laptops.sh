#!/usr/bin/env bash
# Two secretaries' laptops sharing a sitting's folder through two real Syncthing instances on
# this machine (loopback only), recording at the same time with `record --journal-dir`.
#
# Checks: after sync, `tally --journal-dir --json` is the same on both sides and holds every
# acknowledged record exactly once; no conflict copy is made; `verify --journal-dir` passes on
# both. Measures record-to-follower latency (median and max over 20 records) and prints it.
#
# Nothing leaves this machine: listen and GUI addresses are 127.0.0.1, global and local
# discovery, relays, NAT traversal, STUN, usage and crash reporting are off, and every socket
# the two Syncthing processes hold is checked to be on 127.0.0.1.
#
# Usage: bash tests/sync/two_laptops.sh   (skips, exit 0, when `syncthing` is not installed)
# Environment: DELEGATE_DESK_BIN (default target/debug/delegate-desk, built if missing),
#              RECORD_SECONDS (default 20).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v syncthing >/dev/null; then
  echo "two_laptops: SKIPPED: syncthing is not installed (apt-get install syncthing)"
  exit 0
fi
BIN=${DELEGATE_DESK_BIN:-target/debug/delegate-desk}
if [ ! -x "$BIN" ]; then cargo build --locked --quiet; fi
BIN=$(realpath "$BIN")
SECONDS_TO_RECORD=${RECORD_SECONDS:-20}

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "two_laptops: FAILED; Syncthing logs:" >&2
    tail -n 20 "$WORK"/a/syncthing.log "$WORK"/b/syncthing.log >&2 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

fail() { echo "two_laptops: FAILED: $*" >&2; exit 1; }

# Four free loopback ports (sync and GUI for each side).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    if ! ss -ltnH "sport = :$p" | grep -q . && [[ " ${USED_PORTS:-} " != *" $p "* ]]; then
      USED_PORTS="${USED_PORTS:-} $p"
      echo "$p"
      return
    fi
  done
}
PA=$(free_port); PB=$(free_port); GA=$(free_port); GB=$(free_port)

cat >"$WORK/s.ron" <<'EOF'
Session(
    id: "two-laptops",
    congress: Congress(name: "测试镇人民代表大会", title: "同步测试", term: 1, session: 1,
                       town: "测试镇", date: "2017-09-21"),
    seats: 107,
    fill_roster_with_placeholders: true,
    motions: [
        Motion(id: "roll1", title: "第一项记名议案", method: RollCall),
        Motion(id: "roll2", title: "第二项记名议案", method: RollCall),
    ],
)
EOF

for side in a b; do
  mkdir -p "$WORK/$side/folder/.stfolder" "$WORK/$side/data"
  STNODEFAULTFOLDER=1 syncthing generate --home="$WORK/$side/home" --no-default-folder \
    >/dev/null 2>&1
done
ID_A=$(syncthing --home="$WORK/a/home" --device-id)
ID_B=$(syncthing --home="$WORK/b/home" --device-id)

# A whole config per side: the two devices, one shared send-receive folder watched with a
# 1 s delay, and every option that could reach the network turned off.
write_config() {
  local side=$1 port=$2 gui=$3
  cat >"$WORK/$side/home/config.xml" <<EOF
<configuration version="36">
    <folder id="sitting" label="sitting" path="$WORK/$side/folder" type="sendreceive"
            rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1"
            ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="$ID_A"></device>
        <device id="$ID_B"></device>
        <minDiskFree unit="%">0</minDiskFree>
        <maxConflicts>10</maxConflicts>
    </folder>
    <device id="$ID_A" name="laptop-a" compression="metadata" introducer="false">
        <address>tcp://127.0.0.1:$PA</address>
    </device>
    <device id="$ID_B" name="laptop-b" compression="metadata" introducer="false">
        <address>tcp://127.0.0.1:$PB</address>
    </device>
    <gui enabled="true" tls="false">
        <address>127.0.0.1:$gui</address>
        <apikey>two-laptops-$side</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:$port</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <announceLANAddresses>false</announceLANAddresses>
        <startBrowser>false</startBrowser>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
EOF
}
write_config a "$PA" "$GA"
write_config b "$PB" "$GB"

for side in a b; do
  STNOUPGRADE=1 syncthing serve --home="$WORK/$side/home" --no-browser --no-restart \
    --no-upgrade --logflags=3 >"$WORK/$side/syncthing.log" 2>&1 &
  PIDS+=($!)
done

# Each side runs the app with its own data folder: its own machine id, its own journal file.
desk() { local side=$1; shift; DELEGATE_DESK_DATA="$WORK/$side/data" "$BIN" --lang en "$@"; }
tally_json() { desk "$1" tally "$WORK/s.ron" --journal-dir "$WORK/$1/folder" --json 2>/dev/null || true; }
records_of() { tally_json "$1" | sed -n 's/^  "records": \([0-9]*\),$/\1/p'; }

# Waits until side $1's tally holds $2 records (up to $3 seconds).
wait_records() {
  local side=$1 want=$2 limit=$3 start=$SECONDS
  while [ "$(records_of "$side")" != "$want" ]; do
    [ $((SECONDS - start)) -lt "$limit" ] || fail "side $side: $(records_of "$side") records after ${limit}s, expected $want"
    sleep 0.2
  done
}

# Until the two instances are connected, nothing syncs: wait for the setup to arrive.
ack() { grep -c '^recorded' || true; }
SETUP=$(desk a record "$WORK/s.ron" --journal-dir "$WORK/a/folder" --secretary 李秘书 \
  --present $(printf 'd%03d ' $(seq 1 80)) --open roll1 --open roll2 | ack)
[ "$SETUP" = 3 ] || fail "setup recorded $SETUP of 3"
wait_records b 3 90

# Two secretaries at once, on separate delegates: 李 takes roll1 for d001–d040 and the
# attendance of d081–d093, 王 takes roll2 for d041–d080 and the attendance of d094–d107.
secretary_loop() {
  local side=$1 name=$2 motion=$3 first=$4 count=$5 att_first=$6 att_count=$7
  local end=$((SECONDS + SECONDS_TO_RECORD)) i=0 acked=0 failed=0 choices=(yes no abstain)
  while [ $SECONDS -lt $end ]; do
    local action
    if [ $((i % 3)) -eq 2 ]; then
      local d=$(printf 'd%03d' $((att_first + (i / 3) % att_count)))
      if [ $(((i / 3 / att_count) % 2)) -eq 0 ]; then action="--leave $d"; else action="--present $d"; fi
    else
      action="--vote $motion $(printf 'd%03d' $((first + i % count))) ${choices[$((i % 3))]}"
    fi
    if out=$(desk "$side" record "$WORK/s.ron" --journal-dir "$WORK/$side/folder" \
      --secretary "$name" $action 2>>"$WORK/$side/record.err"); then
      acked=$((acked + $(printf '%s\n' "$out" | ack)))
    else
      failed=$((failed + 1))
    fi
    i=$((i + 1))
  done
  echo "$acked $failed" >"$WORK/$side/acked"
}
secretary_loop a 李秘书 roll1 1 40 81 13 &
LOOP_A=$!
secretary_loop b 王秘书 roll2 41 40 94 14 &
LOOP_B=$!
wait "$LOOP_A" "$LOOP_B"
read -r ACK_A FAIL_A <"$WORK/a/acked"
read -r ACK_B FAIL_B <"$WORK/b/acked"
[ "$FAIL_A" = 0 ] && [ "$FAIL_B" = 0 ] ||
  fail "refused records: a $FAIL_A, b $FAIL_B: $(cat "$WORK"/a/record.err "$WORK"/b/record.err | tail -8)"
TOTAL=$((SETUP + ACK_A + ACK_B))
echo "two_laptops: recorded for ${SECONDS_TO_RECORD}s at once: 李 $ACK_A, 王 $ACK_B records (+$SETUP setup)"

wait_records a "$TOTAL" 90
wait_records b "$TOTAL" 90
TA=$(tally_json a)
TB=$(tally_json b)
[ "$TA" = "$TB" ] || fail "the two sides' tallies differ: $(diff <(echo "$TA") <(echo "$TB") | head -20)"
desk a tally "$WORK/s.ron" --journal-dir "$WORK/a/folder" --json >/dev/null ||
  fail "tally --journal-dir has warnings: $(desk a tally "$WORK/s.ron" --journal-dir "$WORK/a/folder" 2>&1 >/dev/null | head -5)"
COPIES=$(find "$WORK/a/folder" "$WORK/b/folder" -name '*sync-conflict*' | wc -l)
[ "$COPIES" = 0 ] || fail "$COPIES conflict copies made"
for side in a b; do
  desk "$side" verify --journal-dir "$WORK/$side/folder" >/dev/null || fail "verify failed on side $side"
done
echo "two_laptops: both sides tally $TOTAL records, identical; no conflict copy; verify passes on both"

# Record-to-follower latency: 李 records one at a time; how long until 王's laptop has it.
OWN_A=$(find "$WORK/a/folder" -maxdepth 1 -name 'votes-李秘书-*.jsonl' | head -1)
NAME_A=$(basename "$OWN_A")
LAT=()
for i in $(seq 1 20); do
  d=$(printf 'd%03d' $((81 + i % 13)))
  if [ $((i % 2)) -eq 0 ]; then act=--present; else act=--leave; fi
  desk a record "$WORK/s.ron" --journal-dir "$WORK/a/folder" --secretary 李秘书 $act "$d" >/dev/null
  t0=$(date +%s%N)
  size=$(stat -c %s "$OWN_A")
  until [ "$(stat -c %s "$WORK/b/folder/$NAME_A" 2>/dev/null || echo 0)" -ge "$size" ]; do
    [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt 60 ] || fail "record $i did not reach the follower in 60 s"
    sleep 0.02
  done
  LAT+=($(( ($(date +%s%N) - t0) / 1000000 )))
done
SORTED=($(printf '%s\n' "${LAT[@]}" | sort -n))
MEDIAN=$(( (SORTED[9] + SORTED[10]) / 2 ))
echo "two_laptops: record-to-follower latency over 20 records (fsWatcherDelayS 1): median ${MEDIAN} ms, max ${SORTED[19]} ms (all: ${LAT[*]})"

# Nothing but loopback: every socket the two Syncthing processes hold.
for pid in "${PIDS[@]}"; do
  outside=$(ss -tunapH 2>/dev/null | grep "pid=$pid," | awk '{print $5, $6}' |
    tr ' ' '\n' | grep -v -E '^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):' | grep -v -E '^\*:\*$|^0\.0\.0\.0:\*$' || true)
  [ -z "$outside" ] || fail "syncthing $pid has a socket off loopback: $outside"
done
echo "two_laptops: OK"
