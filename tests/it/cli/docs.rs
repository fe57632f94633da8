//! docs/cli.md shows every command's `--help` as the binary prints it: each ```` ```text ````
//! block that starts with `$ chant-lsp … --help` is run and compared, so the page cannot drift.

use std::process::Command;

#[test]
fn cli_doc_synopsis_is_the_help_output() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).expect("read docs/cli.md");
    let mut shown = Vec::new();
    for block in doc.split("```text\n").skip(1) {
        let block = block.split("```\n").next().unwrap_or_default();
        let Some((command, output)) = block.split_once('\n') else { continue };
        let Some(args) = command.strip_prefix("$ chant-lsp ").filter(|c| c.ends_with("--help")) else { continue };
        let args: Vec<&str> = args.split_whitespace().collect();
        let out = Command::new(env!("CARGO_BIN_EXE_chant-lsp")).args(&args).output().expect("run chant-lsp");
        assert_eq!(String::from_utf8_lossy(&out.stdout), output, "docs/cli.md: `{command}`");
        shown.push(args.first().copied().unwrap_or_default().to_string());
    }
    assert_eq!(shown, ["--help", "check", "fmt", "explain", "pr-description", "graph", "schema", "mcp", "completions"]);
}
