//! The spec graph as Graphviz DOT and as Mermaid text, coloured by status and readiness, with
//! blocking edges marked. Shared by `chant-lsp graph` and the server's graph command.

use std::fmt::Write as _;

use serde::Deserialize;

use super::{EdgeKind, Graph, Node};

/// The graph's output formats, spelled as `chant-lsp graph --format` and the server's
/// `chant-lsp.graph` argument both take them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GraphFormat {
    /// The graph's own structure; each edge serialises it (`Graph` is `Serialize`).
    #[default]
    Json,
    Dot,
    Mermaid,
}

impl GraphFormat {
    pub const NAMES: &str = "json, dot or mermaid";

    pub fn from_name(name: &str) -> Option<GraphFormat> {
        match name {
            "json" => Some(GraphFormat::Json),
            "dot" => Some(GraphFormat::Dot),
            "mermaid" => Some(GraphFormat::Mermaid),
            _ => None,
        }
    }

    /// The graph drawn as text, or `None` for JSON, which the edge serialises from the graph.
    pub fn text(self, graph: &Graph) -> Option<String> {
        match self {
            GraphFormat::Json => None,
            GraphFormat::Dot => Some(dot(graph)),
            GraphFormat::Mermaid => Some(mermaid(graph)),
        }
    }
}

/// Fill colour by what the node is waiting for: green done, blue running, yellow ready to
/// start, red blocked, grey cancelled; orange for the states that need a person.
fn colour(node: &Node) -> &'static str {
    match node.status.as_str() {
        "completed" => "#b6e3a8",
        "in_progress" => "#a8cdf0",
        "cancelled" => "#dddddd",
        "failed" | "needs_attention" | "paused" => "#f7c58f",
        "missing" => "#ffffff",
        "file" => "#f3f3f3",
        _ if node.ready => "#fff1a6",
        _ if !node.blocked_by.is_empty() => "#f2aaaa",
        _ => "#ffffff",
    }
}

fn label(node: &Node) -> String {
    match &node.title {
        Some(title) => format!("{}\n{}", node.id, shorten(title, 48)),
        None => format!("{}\n({})", node.id, node.status),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{cut}…")
}

fn dot_quote(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    format!("\"{escaped}\"")
}

pub fn dot(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph chant {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    for node in &graph.nodes {
        let shape = match node.status.as_str() {
            "file" => ", shape=note",
            "missing" => ", style=\"rounded,dashed\"",
            _ => "",
        };
        let _ = writeln!(
            out,
            "  {} [label={}, fillcolor=\"{}\"{shape}];",
            dot_quote(&node.id),
            dot_quote(&label(node)),
            colour(node)
        );
    }
    for edge in &graph.edges {
        let style = match (edge.kind, edge.blocking) {
            (EdgeKind::DependsOn, true) => " [color=\"#c0392b\", penwidth=2, label=\"blocks\"]",
            (EdgeKind::DependsOn, false) => "",
            (EdgeKind::Member, _) => " [style=dashed, arrowhead=odiamond, label=\"member\"]",
            (EdgeKind::InformedBy, _) => " [style=dotted, label=\"informed by\"]",
        };
        let _ = writeln!(out, "  {} -> {}{style};", dot_quote(&edge.from), dot_quote(&edge.to));
    }
    out.push_str("}\n");
    out
}

/// Mermaid ids must be plain words, so nodes are `n0`, `n1`… with the spec id in the label.
pub fn mermaid(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    let index: std::collections::HashMap<&str, usize> =
        graph.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    for (i, node) in graph.nodes.iter().enumerate() {
        let text = label(node).replace('"', "#quot;").replace('\n', "<br/>");
        let _ = writeln!(out, "  n{i}[\"{text}\"]");
        let _ = writeln!(out, "  style n{i} fill:{},stroke:#555", colour(node));
    }
    let mut blocking = Vec::new();
    let mut drawn = 0;
    for edge in &graph.edges {
        let (Some(from), Some(to)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str())) else { continue };
        let arrow = match edge.kind {
            EdgeKind::DependsOn if edge.blocking => "-- blocks -->",
            EdgeKind::DependsOn => "-->",
            EdgeKind::Member => "-. member .->",
            EdgeKind::InformedBy => "-. informed by .->",
        };
        let _ = writeln!(out, "  n{from} {arrow} n{to}");
        if edge.blocking {
            blocking.push(drawn.to_string());
        }
        drawn += 1;
    }
    if !blocking.is_empty() {
        let _ = writeln!(out, "  linkStyle {} stroke:#c0392b,stroke-width:2px", blocking.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::{dot, mermaid};
    use crate::ide::graph::{graph, GraphQuery};
    use crate::ide::test_fixture::write_fixture;

    const FIXTURE: &str = r#"
//- /.chant/specs/a.md
---
status: completed
---
# Done "first"
//- /.chant/specs/b.md
---
depends_on: [a, c, gone]
informed_by: [.chant/research/notes.md]
---
# Waits
//- /.chant/specs/c.md
---
status: in_progress
---
# Running
//- /.chant/specs/d.md
---
type: driver
members: [d.1]
---
# Driver
//- /.chant/specs/d.1.md
---
---
# Member one
//- /.chant/specs/d.2.md
---
---
# Member two
//- /.chant/research/notes.md
Notes.
"#;

    #[test]
    fn whole_graph_as_dot_and_mermaid() {
        let ws = write_fixture(FIXTURE).load();
        let drawn = graph(&ws, &GraphQuery::default());
        expect![[r##"
            digraph chant {
              rankdir=LR;
              node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];
              edge [fontname="Helvetica", fontsize=9];
              ".chant/research/notes.md" [label=".chant/research/notes.md\n(file)", fillcolor="#f3f3f3", shape=note];
              "a" [label="a\nDone \"first\"", fillcolor="#b6e3a8"];
              "b" [label="b\nWaits", fillcolor="#f2aaaa"];
              "c" [label="c\nRunning", fillcolor="#a8cdf0"];
              "d" [label="d\nDriver", fillcolor="#fff1a6"];
              "d.1" [label="d.1\nMember one", fillcolor="#fff1a6"];
              "d.2" [label="d.2\nMember two", fillcolor="#f2aaaa"];
              "gone" [label="gone\n(missing)", fillcolor="#ffffff", style="rounded,dashed"];
              "b" -> ".chant/research/notes.md" [style=dotted, label="informed by"];
              "b" -> "a";
              "b" -> "c" [color="#c0392b", penwidth=2, label="blocks"];
              "b" -> "gone" [color="#c0392b", penwidth=2, label="blocks"];
              "d" -> "d.1" [style=dashed, arrowhead=odiamond, label="member"];
              "d" -> "d.2" [style=dashed, arrowhead=odiamond, label="member"];
            }
        "##]]
        .assert_eq(&dot(&drawn));
        expect![[r#"
            flowchart LR
              n0[".chant/research/notes.md<br/>(file)"]
              style n0 fill:#f3f3f3,stroke:#555
              n1["a<br/>Done #quot;first#quot;"]
              style n1 fill:#b6e3a8,stroke:#555
              n2["b<br/>Waits"]
              style n2 fill:#f2aaaa,stroke:#555
              n3["c<br/>Running"]
              style n3 fill:#a8cdf0,stroke:#555
              n4["d<br/>Driver"]
              style n4 fill:#fff1a6,stroke:#555
              n5["d.1<br/>Member one"]
              style n5 fill:#fff1a6,stroke:#555
              n6["d.2<br/>Member two"]
              style n6 fill:#f2aaaa,stroke:#555
              n7["gone<br/>(missing)"]
              style n7 fill:#ffffff,stroke:#555
              n2 -. informed by .-> n0
              n2 --> n1
              n2 -- blocks --> n3
              n2 -- blocks --> n7
              n4 -. member .-> n5
              n4 -. member .-> n6
              linkStyle 2,3 stroke:#c0392b,stroke-width:2px
        "#]]
        .assert_eq(&mermaid(&drawn));
    }

    #[test]
    fn neighbourhood_of_one_spec() {
        let ws = write_fixture(FIXTURE).load();
        let ids = |depth| {
            let query = GraphQuery { focus: Some("c".to_string()), depth, include_archive: false };
            let drawn = graph(&ws, &query);
            let nodes: Vec<String> = drawn.nodes.into_iter().map(|n| n.id).collect();
            format!("{} nodes: {}; {} edges", nodes.len(), nodes.join(" "), drawn.edges.len())
        };
        expect![[r#"
            1 nodes: c; 0 edges
            2 nodes: b c; 1 edges
            5 nodes: .chant/research/notes.md a b c gone; 4 edges"#]]
        .assert_eq(&[ids(0), ids(1), ids(2)].join("\n"));
    }
}
