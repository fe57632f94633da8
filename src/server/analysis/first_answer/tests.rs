//! The order in which findings arrive for a spec opened while its workspace is indexed, pinned
//! by holding the background load back until the first answer is out: exact message sequences.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};

use expect_test::{expect, Expect};
use std::collections::VecDeque;

use serde_json::Value;
use tower_lsp_server::ls_types as lsp;

use super::super::{Analysis, Task};
use super::Indexing;
use crate::server::documents::Document;
use crate::server::outgoing::{decode_frames, Notifier, NotifierFrames};
use crate::server::to_proto::file_uri;
use crate::text::PositionEncoding;

/// A spec that is blocked by `002-dep`, names an unknown id, and is in a cycle with `003-loop`.
const OPENED: &str = "---\ntype: code\nstatus: in_progress\ndepends_on:\n  - 002-dep\n  - 02-dep\n  - 003-loop\n---\n# Opened\n\n## Acceptance Criteria\n\n- [ ] works\n";

const FILES: &[(&str, &str)] = &[
    (".chant/config.md", "---\nproject:\n  name: t\n---\n"),
    (".chant/specs/001-opened.md", OPENED),
    (".chant/specs/002-dep.md", "---\ntype: code\nstatus: pending\n---\n# Dep\n\n## Acceptance Criteria\n\n- [ ] x\n"),
    (
        ".chant/specs/003-loop.md",
        "---\ntype: code\nstatus: pending\ndepends_on:\n  - 001-opened\n---\n# Loop\n\n## Acceptance Criteria\n\n- [ ] x\n",
    ),
    (".chant/specs/004-other.md", "---\ntype: code\nstatus: pendng\n---\n# Other\n\n## Acceptance Criteria\n\n- [x] x\n"),
];

struct Session {
    root: PathBuf,
    tasks: Option<mpsc::Sender<Task>>,
    gate: Option<mpsc::Sender<()>>,
    out: NotifierFrames,
    /// Messages received but not read yet.
    pending: VecDeque<Value>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Session {
    fn start(name: &str) -> Session {
        let root = std::env::temp_dir().join(format!("chant-lsp-first-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (rel, text) in FILES {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folder");
            std::fs::write(path, text).expect("write spec");
        }
        let (tasks, rx) = mpsc::channel();
        let (gate, gate_rx) = mpsc::channel();
        let (out_tx, out) = Notifier::channel();
        let shared = Arc::new(RwLock::default());
        let mut analysis = Analysis::new(shared, out_tx, rx, Arc::new(Indexing::default()));
        analysis.load_gate = Some(gate_rx);
        let thread = std::thread::spawn(move || analysis.run());
        tasks.send(Task::Configure { encoding: PositionEncoding::Utf16, notify_index: false }).expect("send");
        Session { root, tasks: Some(tasks), gate: Some(gate), out, pending: VecDeque::new(), thread: Some(thread) }
    }

    fn send(&self, task: Task) {
        self.tasks.as_ref().expect("running").send(task).expect("send");
    }

    fn index(&self) {
        let progress = Some(lsp::ProgressToken::String("indexing".to_string()));
        self.send(Task::InitialIndex { roots: vec![self.root.clone()], progress });
    }

    fn open(&self, rel: &str, version: i32, text: &str) {
        let path = self.root.join(rel);
        let uri = file_uri(&path).expect("uri");
        self.send(Task::DocChanged { uri, path, doc: Arc::new(Document::new(text, version)) });
    }

    /// Lets the background load go on.
    fn release(&mut self) {
        drop(self.gate.take());
    }

    /// Messages, one line each, until (and with) the first that `last` accepts.
    fn read_until(&mut self, last: impl Fn(&Value) -> bool) -> String {
        let mut lines = Vec::new();
        loop {
            while self.pending.is_empty() {
                self.pending.extend(decode_frames(&self.out.blocking_recv().expect("a message")));
            }
            let msg = self.pending.pop_front().expect("a message");
            lines.push(render(&msg, &self.root));
            if last(&msg) {
                return lines.join("\n");
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.release();
        drop(self.tasks.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn is_publish(msg: &Value) -> bool {
    msg["method"] == "textDocument/publishDiagnostics"
}

fn is_end(msg: &Value) -> bool {
    msg["method"] == "$/progress" && msg["params"]["value"]["kind"] == "end"
}

fn render(msg: &Value, root: &Path) -> String {
    let root = root.display().to_string();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let params = &msg["params"];
    match msg["method"].as_str().unwrap_or_default() {
        "textDocument/publishDiagnostics" => {
            let name = text(&params["uri"]).rsplit('/').next().unwrap_or_default().to_string();
            let version = params["version"].as_i64().map_or(String::new(), |v| format!(" v{v}"));
            let found: Vec<String> = params["diagnostics"]
                .as_array()
                .expect("a list")
                .iter()
                .map(|d| {
                    let start = &d["range"]["start"];
                    format!("  {}:{} {}: {}", start["line"], start["character"], text(&d["code"]), text(&d["message"]))
                })
                .collect();
            format!("publish {name}{version}\n{}", found.join("\n")).trim_end().to_string()
        }
        "$/progress" => match params["value"]["kind"].as_str().unwrap_or_default() {
            "begin" => format!("progress begin: {}", text(&params["value"]["title"])),
            "report" => format!("progress report: {}", text(&params["value"]["message"]).replace(&root, "<root>")),
            _ => format!("progress end: {}", text(&params["value"]["message"])),
        },
        _ => "indexChanged".to_string(),
    }
}

fn check(actual: &str, expect: Expect) {
    expect.assert_eq(actual);
}

/// Opened right after `initialized`: the first answer has everything but the cycle; the full
/// index's publish adds the cycle to it and withdraws nothing, then every other spec follows.
#[test]
fn the_opened_spec_is_answered_before_the_index_and_keeps_its_findings() {
    let mut s = Session::start("open");
    s.index();
    s.open(".chant/specs/001-opened.md", 1, OPENED);
    let first = s.read_until(is_publish);
    check(
        &first,
        expect![[r#"
            progress begin: Indexing chant specs
            publish 001-opened.md v1
              4:4 blocked-by: this spec is `in_progress` but its dependency `002-dep` is still `pending`
              5:4 unknown-dependency: unknown dependency `02-dep`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `002-dep`?
              6:4 blocked-by: this spec is `in_progress` but its dependency `003-loop` is still `pending`
              12:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `in_progress`)"#]],
    );
    s.release();
    let rest = s.read_until(is_end);
    check(
        &rest,
        expect![[r#"
            progress report: <root>: 4 specs
            publish 001-opened.md v1
              4:4 blocked-by: this spec is `in_progress` but its dependency `002-dep` is still `pending`
              5:4 unknown-dependency: unknown dependency `02-dep`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `002-dep`?
              6:4 dependency-cycle: dependency cycle through `003-loop`: 001-opened, 003-loop depend on each other, so none of them can ever become ready; remove one link
              6:4 blocked-by: this spec is `in_progress` but its dependency `003-loop` is still `pending`
              12:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `in_progress`)
            publish 002-dep.md
              8:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `pending`)
            publish 003-loop.md
              4:4 dependency-cycle: dependency cycle through `001-opened`: 001-opened, 003-loop depend on each other, so none of them can ever become ready; remove one link
              10:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `pending`)
            publish 004-other.md
              2:8 invalid-value: `pendng` is not a valid `status`: chant cannot load this spec (expected one of pending, in_progress, paused, completed, failed, needs_attention, ready, blocked, cancelled); did you mean `pending`?
            progress end: 4 specs in 1 workspace"#]],
    );
}

/// An edit before the index is there gets its own first answer; the full index then answers
/// the latest version only.
#[test]
fn an_edit_during_indexing_is_answered_first_too() {
    let mut s = Session::start("edit");
    s.index();
    s.open(".chant/specs/001-opened.md", 1, OPENED);
    s.read_until(is_publish);
    let fixed = OPENED.replace("  - 02-dep\n", "");
    s.open(".chant/specs/001-opened.md", 2, &fixed);
    check(
        &s.read_until(is_publish),
        expect![[r#"
            publish 001-opened.md v2
              4:4 blocked-by: this spec is `in_progress` but its dependency `002-dep` is still `pending`
              5:4 blocked-by: this spec is `in_progress` but its dependency `003-loop` is still `pending`
              11:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `in_progress`)"#]],
    );
    s.release();
    check(
        &s.read_until(is_publish),
        expect![[r#"
            progress report: <root>: 4 specs
            publish 001-opened.md v2
              4:4 blocked-by: this spec is `in_progress` but its dependency `002-dep` is still `pending`
              5:4 dependency-cycle: dependency cycle through `003-loop`: 001-opened, 003-loop depend on each other, so none of them can ever become ready; remove one link
              5:4 blocked-by: this spec is `in_progress` but its dependency `003-loop` is still `pending`
              11:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `in_progress`)"#]],
    );
}

/// A spec opened before the roots arrive (a client that waits for the progress token first) is
/// answered first as well: its workspace is found from its path and loaded in the background.
#[test]
fn a_spec_opened_before_the_roots_is_answered_first() {
    let mut s = Session::start("early");
    s.open(".chant/specs/001-opened.md", 1, OPENED);
    let first = s.read_until(is_publish);
    check(
        &first,
        expect![[r#"
        publish 001-opened.md v1
          4:4 blocked-by: this spec is `in_progress` but its dependency `002-dep` is still `pending`
          5:4 unknown-dependency: unknown dependency `02-dep`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `002-dep`?
          6:4 blocked-by: this spec is `in_progress` but its dependency `003-loop` is still `pending`
          12:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `in_progress`)"#]],
    );
    s.index();
    s.release();
    check(
        &s.read_until(is_end),
        expect![[r#"
        progress begin: Indexing chant specs
        publish 001-opened.md v1
          4:4 blocked-by: this spec is `in_progress` but its dependency `002-dep` is still `pending`
          5:4 unknown-dependency: unknown dependency `02-dep`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `002-dep`?
          6:4 dependency-cycle: dependency cycle through `003-loop`: 001-opened, 003-loop depend on each other, so none of them can ever become ready; remove one link
          6:4 blocked-by: this spec is `in_progress` but its dependency `003-loop` is still `pending`
          12:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `in_progress`)
        publish 002-dep.md
          8:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `pending`)
        publish 003-loop.md
          4:4 dependency-cycle: dependency cycle through `001-opened`: 001-opened, 003-loop depend on each other, so none of them can ever become ready; remove one link
          10:2 unchecked-criterion: open acceptance criterion (1 of 1 open, spec is `pending`)
        publish 004-other.md
          2:8 invalid-value: `pendng` is not a valid `status`: chant cannot load this spec (expected one of pending, in_progress, paused, completed, failed, needs_attention, ready, blocked, cancelled); did you mean `pending`?
        progress end: 4 specs in 1 workspace"#]],
    );
}
