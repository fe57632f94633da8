#!/usr/bin/env bash
# Cold start to the first diagnostics (issue 23), in the real clients: how long after a client
# starts does it show the diagnostics of a spec it opens, and how much of that is chant-lsp?
#
#   scripts/bench-cold-start.sh [SERVER_BINARY]     (default: target/release/chant-lsp)
#
# Per generated benchmark workspace (CHANT_BENCH_SIZES, default 10000,100000; seed
# CHANT_BENCH_SEED, default 13: the ones `cargo bench --bench server` writes, reused as they are
# and never modified) it times CHANT_BENCH_RUNS cold starts (default 3; the tables give the
# median) of each client in CHANT_BENCH_CLIENTS (default opencode,vscode), on one spec: the
# workspace's "dependent" spec (it depends on the hub; the workspace's marker file names it) when
# `check` finds something in it, else the first spec under .chant/specs/ with findings
# (CHANT_BENCH_SPEC names another):
#
# - opencode: `opencode --pure debug lsp diagnostics SPEC` with the shipped opencode.json as the
#   user's global configuration in a throwaway HOME, timed from launch to its answer on stdout;
#   beside it the same command on a file no language server serves (opencode's own cost).
# - VS Code: code-server with the packaged linux-x64 extension and a fresh profile, its workbench
#   opened by headless Chromium; a bench-only companion extension (written below, activated as the
#   extension host starts) opens the spec and notes when its diagnostics reach the extension host
#   (vscode.languages.onDidChangeDiagnostics, what the Problems view and the squiggles show).
#
# In both, chant-lsp runs behind a small relay that notes when the server was started, when the
# spec's didOpen and the spec's first publishDiagnostics passed on the wire (it splits frames by
# their headers and looks for the spec's path in each body until it has seen those; it forwards
# everything at once). The diagnostics the client received are counted and compared with `chant-lsp check` on
# the spec. Nothing is asserted on time: this is a measurement, not a test.
#
# opencode comes from npm as in editors/opencode/test/run.sh (CHANT_OPENCODE_DIR, default
# target/agent-e2e/opencode); Node 24, code-server and Chromium as in editors/vscode/test/e2e/run.sh
# (CHANT_E2E_DIR, default target/editor-e2e); the extension package is built with build-vsix.sh
# from SERVER_BINARY unless CHANT_BENCH_VSIX names one. Everything else goes to a temp folder that
# is removed at the end.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=../editors/test/lib.sh
. "$repo/editors/test/lib.sh"
server="$(server_binary "${1:-}")"
sizes="${CHANT_BENCH_SIZES:-10000,100000}"
runs="${CHANT_BENCH_RUNS:-3}"
seed="${CHANT_BENCH_SEED:-13}"
clients="${CHANT_BENCH_CLIENTS:-opencode,vscode}"
say() { echo "== cold start: $*" >&2; }
now_ms() { date +%s%3N; }

tmp="$(mktemp -d)"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  done
  [ -f "$tmp/starts" ] && kill_noted_processes "$tmp/starts"
  # CHANT_BENCH_KEEP=1 keeps the runs' folders (client logs, the relay's notes) to look into.
  if [ -n "${CHANT_BENCH_KEEP:-}" ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
results="$tmp/results.jsonl"
: >"$results"

# The relay between a client and the server. It must cost the client nothing it would notice:
# bytes are forwarded as they come, both ways, and only frame headers are parsed until the spec's
# didOpen (client to server) and first publish (server to client) have passed; then it only
# forwards. It notes "PID start T", "PID didopen T" and "PID publish T COUNT" (epoch seconds).
cat >"$tmp/relay.py" <<'PY'
import json, os, signal, subprocess, sys, threading, time
log, suffix, server = sys.argv[1], sys.argv[2].encode(), sys.argv[3]
started = time.time()
child = subprocess.Popen([server, *sys.argv[4:]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
signal.signal(signal.SIGTERM, lambda *_: child.terminate())
lock = threading.Lock()
def note(line):
    with lock, open(log, "a") as f:
        f.write(f"{child.pid} {line}\n")
note(f"start {started:.6f}")

def relay(src, dst, method, on_frame):
    """Copies src to dst as it comes; until `method` for the spec has passed, it also splits the
    stream into frames (headers only) and calls on_frame(body) for the one that matches."""
    buf, seen = b"", False
    while chunk := os.read(src, 1 << 16):
        view = memoryview(chunk)
        while view:
            view = view[os.write(dst, view):]
        if seen:
            continue
        buf += chunk
        while not seen:
            head = buf.find(b"\r\n\r\n")
            if head < 0:
                break
            length = next(int(v) for k, _, v in (h.partition(b":") for h in buf[:head].split(b"\r\n"))
                          if k.strip().lower() == b"content-length")
            end = head + 4 + length
            if len(buf) < end:
                break
            body, buf = buf[head + 4:end], buf[end:]
            if suffix in body and method in body:
                on_frame(time.time(), body)
                seen, buf = True, b""

def client_side():
    relay(0, child.stdin.fileno(), b'"textDocument/didOpen"', lambda at, _: note(f"didopen {at:.6f}"))
    child.stdin.close()
threading.Thread(target=client_side, daemon=True).start()
relay(child.stdout.fileno(), 1, b'"textDocument/publishDiagnostics"',
      lambda at, body: note(f"publish {at:.6f} {len(json.loads(body)['params']['diagnostics'])}"))
sys.exit(child.wait())
PY
# Writes an executable `chant-lsp` at $1 that starts the server behind the relay, noting to $2
# and looking for spec $3 (its path inside the workspace).
relay_wrapper() {
  cat >"$1" <<SH
#!/bin/sh
exec python3 "$tmp/relay.py" "$2" "/$3\"" "$server" "\$@"
SH
  chmod +x "$1"
}

# Runs a command (after --) with stdout to file $2; writes to $1 the epoch times (ms) of its
# launch, its first byte on stdout, stdout's end and its exit.
cat >"$tmp/timed.py" <<'PY'
import json, os, subprocess, sys, time
res, out, cmd = sys.argv[1], sys.argv[2], sys.argv[4:]
launch = time.time()
child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=open(out + ".err", "wb"))
first, data = None, bytearray()
while chunk := os.read(child.stdout.fileno(), 1 << 16):
    first = first or time.time()
    data += chunk
closed = time.time()
status = child.wait()
ms = lambda t: None if t is None else round(t * 1000, 1)
open(out, "wb").write(data)
json.dump({"launch": ms(launch), "first_byte": ms(first), "closed": ms(closed), "exit": ms(time.time()),
           "status": status}, open(res, "w"))
PY

# Median (and range) of the per-run rows of results.jsonl, as markdown tables.
report() {
  python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def med(vals):
    vals = [v for v in vals if v is not None]
    if not vals:
        return "—"
    m = statistics.median(vals)
    return f"{m:,.0f} ms" + (f" ({min(vals):,.0f}–{max(vals):,.0f})" if len(vals) > 1 else "")
def table(client, columns):
    sel = [r for r in rows if r["client"] == client]
    if not sel:
        return
    sizes = sorted({r["size"] for r in sel})
    print(f"\n| {client}, median of runs (min–max) | " + " | ".join(f"{s:,} specs" for s in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for label, key in columns:
        cells = []
        for s in sizes:
            vals = [r.get(key) for r in sel if r["size"] == s]
            cells.append(med(vals) if not isinstance(next((v for v in vals if v is not None), 0), str)
                         else ", ".join(sorted(set(v for v in vals if v))))
        print(f"| {label} | " + " | ".join(cells) + " |")
    for s in sizes:
        got = sorted({r.get("count") for r in sel if r["size"] == s}, key=str)
        want = {r.get("expected") for r in sel if r["size"] == s}
        print(f"\n{client}, {s:,} specs: {len([r for r in sel if r['size'] == s])} runs; diagnostics the client "
              f"had for the spec: {got}; `chant-lsp check` on the spec: {sorted(want, key=str)}"
              + ("" if set(got) == want and 0 not in got else "  **MISMATCH**"))
table("opencode", [
    ("launch → diagnostics printed (first byte on stdout)", "answer"),
    ("launch → opencode exited", "exit"),
    ("same command on a file no server serves (opencode alone)", "baseline"),
    ("launch → chant-lsp started", "spawn"),
    ("→ the spec's first publish on the wire", "wire"),
    ("↳ chant-lsp started → the spec's didOpen (initialize handshake)", "opening"),
    ("↳ didOpen → the spec's first publish", "first"),
    ("→ printed (opencode waits 150 ms for more)", "after"),
])
table("vscode", [
    ("code-server launch → workbench opened in Chromium (server up)", "browser"),
    ("workbench opened → extension host up (bench extension activated)", "exthost"),
    ("→ chant-lsp's extension activated (workspaceContains)", "activate"),
    ("→ chant-lsp started (the extension's own set-up: its search for .chant roots, …)", "spawn"),
    ("→ the spec's first publish on the wire", "wire"),
    ("↳ chant-lsp started → the spec's didOpen (initialize handshake)", "opening"),
    ("↳ didOpen → the spec's first publish", "first"),
    ("→ the spec's diagnostics in the extension host", "after"),
    ("**workbench opened → the spec's diagnostics**", "answer"),
    ("code-server launch → the spec's diagnostics", "total"),
])
PY
}

# The relay's notes for one run: "spawn didopen publish count" (epoch ms; "-" when missing).
relay_times() {
  python3 - "$1" <<'PY'
import sys
t = {"start": "-", "didopen": "-", "publish": "-"}
count = "-"
for line in open(sys.argv[1]):
    f = line.split()
    if t.get(f[1]) == "-":
        t[f[1]] = f"{float(f[2]) * 1000:.1f}"
        if f[1] == "publish":
            count = f[3]
print(t["start"], t["didopen"], t["publish"], count)
PY
}

# ---------------------------------------------------------------------------------- opencode
opencode_setup() {
  opencode="$(npm_tool "${CHANT_OPENCODE_DIR:-$repo/target/agent-e2e/opencode}" "opencode-ai@1.18.33" opencode)"
  oc_home="$tmp/opencode-home"
  mkdir -p "$oc_home/.config/opencode" "$tmp/opencode-bin"
  # The shipped file as the user's global configuration: the workspace stays untouched (a
  # project opencode.json would have to be written into it). opencode needs no git repository.
  cp "$repo/editors/opencode/opencode.json" "$oc_home/.config/opencode/opencode.json"
}
opencode_env() {
  env -u OPENCODE_CONFIG -u OPENCODE_CONFIG_CONTENT -u OPENCODE_CONFIG_DIR \
    HOME="$oc_home" XDG_CONFIG_HOME="$oc_home/.config" XDG_CACHE_HOME="$oc_home/.cache" \
    XDG_DATA_HOME="$oc_home/.local/share" XDG_STATE_HOME="$oc_home/.local/state" \
    OPENCODE_DISABLE_AUTOUPDATE=1 OPENCODE_DISABLE_MODELS_FETCH=1 OPENCODE_DISABLE_LSP_DOWNLOAD=1 \
    OPENCODE_DISABLE_DEFAULT_PLUGINS=1 OPENCODE_DISABLE_CLAUDE_CODE=1 NO_COLOR=1 \
    PATH="$tmp/opencode-bin:$PATH" "$@"
}

opencode_size() {
  local size="$1" ws="$2" spec="$3" expected="$4" run dir spawn didopen publish count
  relay_wrapper "$tmp/opencode-bin/chant-lsp" "$tmp/starts" "$spec"
  # One untimed start first: opencode sets up its own state (database, caches) on the first
  # start in a new HOME, which a user pays once, not on every start.
  (cd "$ws" && opencode_env timeout 120 "$opencode" --pure debug lsp diagnostics .bench-workspace >/dev/null 2>&1) || true
  for run in $(seq 1 "$runs"); do
    dir="$tmp/opencode-$size-$run"
    mkdir -p "$dir"
    # opencode alone: a file no language server serves (the marker file has no extension).
    (cd "$ws" && opencode_env timeout 120 python3 "$tmp/timed.py" "$dir/base.json" "$dir/base.out" -- \
      "$opencode" --pure debug lsp diagnostics .bench-workspace)
    : >"$dir/relay"
    relay_wrapper "$tmp/opencode-bin/chant-lsp" "$dir/relay" "$spec"
    (cd "$ws" && opencode_env timeout 300 python3 "$tmp/timed.py" "$dir/spec.json" "$dir/spec.out" -- \
      "$opencode" --pure debug lsp diagnostics "$spec")
    cat "$dir/relay" >>"$tmp/starts"
    read -r spawn didopen publish count < <(relay_times "$dir/relay")
    python3 - "$dir" "$ws/$spec" "$size" "$expected" "$spawn" "$didopen" "$publish" "$count" >>"$results" <<'PY'
import json, sys
d, path, size, expected, spawn, didopen, publish, wire_count = sys.argv[1:9]
t = json.load(open(f"{d}/spec.json"))
b = json.load(open(f"{d}/base.json"))
out = json.load(open(f"{d}/spec.out"))
count = len(out.get(path, []))
f = lambda v: None if v == "-" else float(v)
spawn, didopen, publish = f(spawn), f(didopen), f(publish)
print(json.dumps({
    "client": "opencode", "size": int(size), "expected": int(expected), "count": count,
    "wire_count": None if wire_count == "-" else int(wire_count), "status": t["status"],
    "answer": t["first_byte"] - t["launch"], "exit": t["exit"] - t["launch"],
    "baseline": b["first_byte"] - b["launch"],
    "spawn": spawn and spawn - t["launch"], "wire": publish and spawn and publish - spawn,
    "opening": didopen and spawn and didopen - spawn, "first": publish and didopen and publish - didopen,
    "after": publish and t["first_byte"] - publish,
}))
PY
    tail -n 1 "$results" >&2
  done
}

# ---------------------------------------------------------------------------------- VS Code
vscode_setup() {
  local ext="$repo/editors/vscode"
  # shellcheck source=../editors/vscode/test/node24.sh
  . "$ext/test/node24.sh"
  debian_packages chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config
  chromium_bin="$(command -v chromium)"
  cs_pkg="$work/code-server/node_modules/code-server"
  if [ ! -f "$work/code-server/.installed" ]; then
    say "code-server is not installed under $work: running the VS Code end-to-end test once installs it"
    bash "$ext/test/e2e/run.sh" "$server" >&2 || true
    [ -f "$work/code-server/.installed" ] || { echo "code-server could not be installed" >&2; exit 1; }
  fi
  vsix="${CHANT_BENCH_VSIX:-}"
  if [ -z "$vsix" ]; then
    [ -x "$ext/node_modules/.bin/vsce" ] || (cd "$ext" && npm ci --no-audit --no-fund --silent)
    bash "$ext/build-vsix.sh" linux-x64 --server "$server" >&2
    vsix="$ext/dist/chant-lsp-linux-x64.vsix"
  fi
  vs="$tmp/vscode"
  mkdir -p "$vs/probe" "$vs/extensions" "$vs/home" "$vs/bin"
  # The bench's companion extension: activated as the extension host starts ("*"), it opens the
  # spec named in $vs/request.json (as an editor restored at start-up is opened) and notes when
  # the spec's diagnostics first reach the extension host.
  cat >"$vs/probe/package.json" <<'JSON'
{
  "name": "chant-lsp-cold-start-probe",
  "displayName": "chant-lsp cold start probe (benchmark only)",
  "description": "Opens a spec at start-up and notes when its diagnostics arrive.",
  "version": "0.0.1",
  "publisher": "chant-lsp",
  "license": "Apache-2.0",
  "private": true,
  "engines": { "vscode": "^1.91.0" },
  "activationEvents": ["*"],
  "main": "./extension.js"
}
JSON
  cat >"$vs/probe/extension.js" <<JS
// Benchmark-only companion of scripts/bench-cold-start.sh (written by it): notes when the
// extension host started it, opens the requested spec, and notes when the spec's diagnostics
// arrive, in epoch milliseconds.
const fs = require('node:fs');
const vscode = require('vscode');
function activate() {
  const activated = Date.now();
  const request = JSON.parse(fs.readFileSync('$vs/request.json', 'utf8'));
  const uri = vscode.Uri.file(request.spec);
  const result = { activated };
  const write = () => fs.writeFileSync(request.result, JSON.stringify(result));
  const look = () => {
    const count = vscode.languages.getDiagnostics(uri).length;
    if (count > 0 && result.diagnostics === undefined) {
      result.diagnostics = Date.now();
      result.count = count;
      write();
      // Whatever arrives in the next 2 s (a later, fuller publish) is counted too.
      setTimeout(() => {
        result.settled = vscode.languages.getDiagnostics(uri).length;
        result.done = true;
        write();
      }, 2000);
    }
  };
  vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === uri.toString())) look();
  });
  vscode.window.showTextDocument(uri, { preview: false }).then(() => {
    result.opened = Date.now();
    write();
    look();
  });
  write();
}
module.exports = { activate, deactivate() {} };
JS
  echo "Benchmark-only: see scripts/bench-cold-start.sh." >"$vs/probe/README.md"
  (cd "$vs/probe" && "$ext/node_modules/.bin/vsce" package --skip-license --allow-missing-repository \
    --allow-star-activation -o "$vs/probe.vsix" </dev/null >/dev/null)
  # As in the end-to-end test: an empty home and no chant-lsp on PATH; the relay is named in
  # chantLsp.server.path (so the package's own binary, the same SERVER_BINARY, is not the one run).
  clean_path="$(tr ':' '\n' <<<"$PATH" | while read -r dir; do [ -x "$dir/chant-lsp" ] || printf '%s:' "$dir"; done)"
  clean_path="${clean_path%:}"
  local file
  for file in "$vsix" "$vs/probe.vsix"; do
    HOME="$vs/home" PATH="$clean_path" node "$cs_pkg/out/node/entry.js" --extensions-dir "$vs/extensions" \
      --user-data-dir "$vs/install-data" --install-extension "$file" >/dev/null
  done
}

vscode_run() {
  local size="$1" ws="$2" spec="$3" expected="$4" run="$5" dir port launched opened pid spawn didopen publish count
  dir="$tmp/vscode-$size-$run"
  mkdir -p "$dir/data/User" "$dir/data/Machine"
  port="${CHANT_BENCH_PORT:-18775}"
  relay_wrapper "$vs/bin/chant-lsp" "$dir/relay" "$spec"
  : >"$dir/relay"
  cat >"$dir/data/User/settings.json" <<JSON
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "telemetry.telemetryLevel": "off"
}
JSON
  # chantLsp.server.path is machine-scoped: in code-server it goes in the remote machine's settings.
  echo "{\"chantLsp.server.path\": \"$vs/bin/chant-lsp\"}" >"$dir/data/Machine/settings.json"
  echo "{\"spec\": \"$ws/$spec\", \"result\": \"$dir/result.json\"}" >"$vs/request.json"
  rm -f "$dir/result.json"
  launched="$(now_ms)"
  HOME="$vs/home" PATH="$clean_path" setsid node "$cs_pkg/out/node/entry.js" --auth none \
    --bind-addr "127.0.0.1:$port" --extensions-dir "$vs/extensions" --user-data-dir "$dir/data" \
    --disable-telemetry --disable-update-check --disable-workspace-trust "$ws" >"$dir/code-server.log" 2>&1 &
  pids=("$!")
  until node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$port/healthz" 2>/dev/null; do
    sleep 0.05
    [ $(($(now_ms) - launched)) -lt 120000 ] || { cat "$dir/code-server.log" >&2; exit 1; }
  done
  opened="$(now_ms)"
  setsid "$chromium_bin" --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$dir/chromium" --remote-debugging-port=0 --window-size=1280,800 \
    "http://127.0.0.1:$port/?folder=$ws" >"$dir/chromium.log" 2>&1 &
  pids+=("$!")
  local deadline=$((SECONDS + ${CHANT_BENCH_TIMEOUT:-180}))
  until [ -f "$dir/result.json" ] && grep -q '"done":true' "$dir/result.json"; do
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  pids=()
  cat "$dir/relay" >>"$tmp/starts"
  noted_processes_ended "$dir/relay" || true
  read -r spawn didopen publish count < <(relay_times "$dir/relay")
  python3 - "$dir/result.json" "$size" "$expected" "$launched" "$opened" "$spawn" "$didopen" "$publish" "$count" >>"$results" <<'PY'
import glob, json, os, sys, time
res, size, expected, launched, opened, spawn, didopen, publish, wire_count = sys.argv[1:10]
r = json.load(open(res)) if os.path.exists(res) else {}
# When the extension host activated chant-lsp's extension: its log line (local time, ms).
activated = None
for log in glob.glob(os.path.join(os.path.dirname(res), "data/logs/*/exthost*/remoteexthost.log")):
    for line in open(log):
        if "_doActivateExtension chant-lsp.chant-lsp," in line:
            stamp, ms = line[:23].split(".")
            activated = time.mktime(time.strptime(stamp, "%Y-%m-%d %H:%M:%S")) * 1000 + int(ms)
f = lambda v: None if v in ("-", None) else float(v)
launched, opened, spawn, didopen, publish = f(launched), f(opened), f(spawn), f(didopen), f(publish)
got = f(r.get("diagnostics"))
print(json.dumps({
    "client": "vscode", "size": int(size), "expected": int(expected), "count": r.get("settled", r.get("count", 0)),
    "first_count": r.get("count"), "wire_count": None if wire_count == "-" else int(wire_count),
    "browser": opened - launched, "exthost": f(r.get("activated")) and f(r.get("activated")) - opened,
    "activate": activated and f(r.get("activated")) and activated - f(r.get("activated")),
    "spawn": spawn and activated and spawn - activated, "wire": publish and spawn and publish - spawn,
    "opening": didopen and spawn and didopen - spawn, "first": publish and didopen and publish - didopen,
    "after": got and publish and got - publish, "answer": got and got - opened, "total": got and got - launched,
}))
PY
  tail -n 1 "$results" >&2
}

# ---------------------------------------------------------------------------------- main
IFS=, read -r -a size_list <<<"$sizes"
IFS=, read -r -a client_list <<<"$clients"
for client in "${client_list[@]}"; do
  case "$client" in
    opencode) opencode_setup ;;
    vscode) vscode_setup ;;
    *) echo "unknown client: $client (opencode, vscode)" >&2; exit 2 ;;
  esac
done
say "server $server; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for size in "${size_list[@]}"; do
  ws="${TMPDIR:-/tmp}/chant-lsp-bench-$size-seed$seed"
  if [ ! -f "$ws/.bench-workspace" ]; then
    echo "no benchmark workspace at $ws: write it with CHANT_BENCH_SIZES=$size cargo bench --bench server" >&2
    exit 2
  fi
  # The spec: the workspace's dependent spec (its marker's third line) when `check` finds something
  # in it, otherwise the first spec under .chant/specs/ that has findings (a clean spec gets an
  # empty publish, which no client shows); CHANT_BENCH_SPEC names one instead.
  read -r spec expected < <("$server" check "$ws" --format json | python3 -c '
import collections, json, sys
wanted, dependent, root = sys.argv[1:4]
found = collections.Counter(d["path"].removeprefix(root + "/") for d in json.load(sys.stdin))
if wanted:
    spec = wanted
elif found[dependent]:
    spec = dependent
else:
    spec = min(p for p in found if p.startswith(".chant/specs/"))
print(spec, found[spec])' "${CHANT_BENCH_SPEC:-}" "$(sed -n 3p "$ws/.bench-workspace")" "$ws")
  say "$size specs: $spec, $expected findings from check"
  touch "$tmp/stamp"
  for client in "${client_list[@]}"; do
    case "$client" in
      opencode) opencode_size "$size" "$ws" "$spec" "$expected" ;;
      vscode) for run in $(seq 1 "$runs"); do vscode_run "$size" "$ws" "$spec" "$expected" "$run"; done ;;
    esac
  done
  changed="$(find "$ws" -newer "$tmp/stamp" | head -n 5)"
  [ -z "$changed" ] || say "WARNING: the workspace changed during the runs: $changed"
  say "load average after $size: $(cut -d' ' -f1-3 /proc/loadavg)"
done
report
