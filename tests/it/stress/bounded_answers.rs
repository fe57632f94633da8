//! Every answer about a huge spec stays small: on a generated 40,000-line spec with 36,000 open
//! criteria, 4,000 headings and 1,200 dependency ids (past every cap, and small enough for a debug
//! build), each editor request over the whole file and the published diagnostics stay under 1 MB
//! of JSON, and each says when it left items out.

use crate::support::{TempWorkspace, TestServer};
use expect_test::expect;
use serde_json::{json, Value};

const LINES: usize = 40_000;

/// The huge spec: a `completed` spec whose open boxes are each a finding, with a heading every
/// 10 lines and 1,200 dependency ids (half of them unknown).
fn huge_spec() -> String {
    let mut text = String::from("---\ntype: code\nstatus: completed\ndepends_on:\n");
    for i in 0..1_200 {
        text.push_str(&format!("  - dep-{:04}\n", i * 2));
    }
    text.push_str("---\n# Huge\n\n## Acceptance Criteria\n\n");
    for i in 0..LINES {
        if i % 10 == 0 {
            text.push_str(&format!("### Part {i}\n"));
        } else {
            text.push_str(&format!("- [ ] c{i}\n"));
        }
    }
    text
}

/// How a result reads in the snapshot: its size bound, item count and the last item's words.
fn summary(method: &str, answer: &Value, last_text: impl Fn(&Value) -> String) -> String {
    let size = answer.to_string().len();
    let items = answer.as_array().map(Vec::as_slice).unwrap_or_default();
    let last = items.last().map(last_text).unwrap_or_default();
    format!("{method}: {} items, under 1 MB: {}, last: {last}\n", items.len(), size < 1 << 20)
}

#[tokio::test(flavor = "multi_thread")]
async fn answers_on_a_huge_spec_stay_under_a_megabyte() {
    let mut files: Vec<(String, String)> = vec![(".chant/specs/huge.md".to_string(), huge_spec())];
    // Every other dependency exists, so lenses and hints have titles to show.
    files.extend((0..600).map(|i| (format!(".chant/specs/dep-{:04}.md", i * 4), "---\n---\n# Dep\n".to_string())));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let ws = TempWorkspace::new(&borrowed);
    let uri = ws.uri(".chant/specs/huge.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let doc = json!({ "uri": uri });
    let whole = crate::support::range([0, 0, (LINES + 1_300) as u32, 0]);

    let mut out = String::new();
    // Start-up indexing published every spec, and the harness kept what it read on the way.
    let published = server
        .skipped
        .iter()
        .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str())
        .map(|m| m["params"].clone())
        .expect("the huge spec's diagnostics were published");
    out.push_str(&summary("diagnostics", &published["diagnostics"], |d| d["message"].to_string()));
    // The notice sits on the first line, so it comes first.
    out.push_str(&format!("  first: {}\n", published["diagnostics"][0]["message"]));
    let actions = server
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": doc, "range": whole, "context": { "diagnostics": [] } }),
        )
        .await;
    out.push_str(&summary("codeAction", &actions, |a| a["title"].to_string()));
    let titles: Vec<&str> = actions.as_array().into_iter().flatten().filter_map(|a| a["title"].as_str()).collect();
    let cut = titles.iter().filter(|t| t.starts_with("Mark the first") || t.contains("not shown"));
    out.extend(cut.map(|t| format!("  {t}\n")));
    let lenses = server.request("textDocument/codeLens", json!({ "textDocument": doc })).await;
    let lens_titles: Vec<String> = lenses
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| format!("  lens: {}\n", l["command"]["title"].as_str().unwrap_or_default()))
        .collect();
    out.push_str(&summary("codeLens", &lenses, |_| String::new()));
    out.extend(lens_titles);
    let symbols = server.request("textDocument/documentSymbol", json!({ "textDocument": doc })).await;
    out.push_str(&summary("documentSymbol", &symbols, |s| s["name"].to_string()));
    let folds = server.request("textDocument/foldingRange", json!({ "textDocument": doc })).await;
    out.push_str(&summary("foldingRange", &folds, |f| f["startLine"].to_string()));
    let hints = server.request("textDocument/inlayHint", json!({ "textDocument": doc, "range": whole })).await;
    out.push_str(&summary("inlayHint", &hints, |h| h["label"].to_string()));
    let links = server.request("textDocument/documentLink", json!({ "textDocument": doc })).await;
    out.push_str(&summary("documentLink", &links, |l| l["range"]["start"]["line"].to_string()));
    expect![[r#"
        diagnostics: 1000 items, under 1 MB: true, last: "unchecked acceptance criterion in a completed spec (36000 of 36000 open): chant's finalize would refuse this spec; check the box if it is done"
          first: "36202 more findings not shown: this spec has 37201 findings and at most 1000 are shown; the first one left out is warning[unchecked-criterion] on line 1653"
        codeAction: 206 items, under 1 MB: true, last: "Fill PR description"
          Quick fixes for 965 more problems not shown
          Mark the first 5000 of 36000 open criteria done
          35900 more criteria toggles not shown
        codeLens: 3 items, under 1 MB: true, last: 
          lens: depends on 1200 (lists the first 500 of 1200)
          lens: required by 0
          lens: 0/36000 done (lists the first 500 of 36000)
        documentSymbol: 3 items, under 1 MB: true, last: "2003 more headings not shown"
        foldingRange: 2000 items, under 1 MB: true, last: 21169
        inlayHint: 1000 items, under 1 MB: true, last: "201 more hints not shown"
        documentLink: 600 items, under 1 MB: true, last: 1202
    "#]].assert_eq(&out);
}
