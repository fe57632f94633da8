//! Every MCP answer is bounded: its structured content is at most [`LIMIT`] bytes of JSON, and
//! the text copy rmcp adds beside it (for clients that read only text) is the same size, so a
//! whole answer stays within 256 KiB. What does not fit is cut from the largest list or text
//! (findings, the diff, the graph's nodes), from its end, and `truncated` says what was cut.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

/// Most bytes of structured content in one answer.
pub const LIMIT: usize = 128 * 1024;

/// Room kept for the `truncated` record itself.
const RECORD_ROOM: usize = 512;

/// One cut: the field, and how much of it was kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Cut {
    /// Where the cut was made, as a dotted path (`findings`, `graph.nodes`).
    pub field: String,
    pub kept: usize,
    pub total: usize,
    /// `items` (of a list, the first ones kept) or `bytes` (of a text, cut at a line end).
    pub unit: String,
}

/// `value` (an object) cut to at most `limit` bytes of JSON, with a `truncated` list of the cuts.
pub fn bounded(mut value: Value, limit: usize) -> Value {
    let mut cuts = Vec::new();
    for _ in 0..8 {
        let size = json_len(&value) + if cuts.is_empty() { 0 } else { RECORD_ROOM };
        if size <= limit {
            break;
        }
        let Some(path) = largest_part(&value) else { break };
        let Some(part) = path.iter().try_fold(&mut value, |v, key| v.get_mut(key.as_str())) else { break };
        cuts.push(cut(part, path.join("."), size - limit + RECORD_ROOM));
    }
    if let (false, Value::Object(map)) = (cuts.is_empty(), &mut value) {
        map.insert("truncated".to_string(), serde_json::to_value(&cuts).unwrap_or_default());
    }
    value
}

/// Shortens the list or text `part` by at least `excess` bytes of JSON.
fn cut(part: &mut Value, field: String, excess: usize) -> Cut {
    match part {
        Value::Array(items) => {
            let total = items.len();
            let mut removed = 0;
            let mut kept = total;
            while kept > 0 && removed < excess {
                kept -= 1;
                removed += json_len(&items[kept]) + 1;
            }
            items.truncate(kept);
            Cut { field, kept, total, unit: "items".to_string() }
        }
        Value::String(text) => {
            let total = text.len();
            let mut end = total.saturating_sub(excess);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            // Whole lines only: a diff or a description cut mid-line reads as a wrong line.
            end = text[..end].rfind('\n').map_or(0, |i| i + 1);
            text.truncate(end);
            Cut { field, kept: end, total, unit: "bytes".to_string() }
        }
        _ => Cut { field, kept: 0, total: 0, unit: "items".to_string() },
    }
}

/// The path to the largest list or text, going down through the largest member of each object.
fn largest_part(value: &Value) -> Option<Vec<String>> {
    let Value::Object(map) = value else { return None };
    let (key, child) = map.iter().filter(|(k, _)| *k != "truncated").max_by_key(|(_, v)| json_len(v))?;
    match child {
        Value::Array(items) if !items.is_empty() => Some(vec![key.clone()]),
        Value::String(text) if !text.is_empty() => Some(vec![key.clone()]),
        Value::Object(_) => {
            let mut path = vec![key.clone()];
            path.extend(largest_part(child)?);
            Some(path)
        }
        _ => None,
    }
}

fn json_len(value: &Value) -> usize {
    serde_json::to_vec(value).map_or(0, |bytes| bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_long_list_keeps_its_first_items_and_says_so() {
        let items: Vec<Value> = (0..100).map(|i| json!({"n": i, "pad": "x".repeat(20)})).collect();
        let cut = bounded(json!({"findings": items, "count": 100}), 1024);
        let kept = cut["findings"].as_array().map_or(0, Vec::len);
        assert!(json_len(&cut) <= 1024, "{}", json_len(&cut));
        expect_test::expect![[r#"[{"field":"findings","kept":13,"total":100,"unit":"items"}]"#]]
            .assert_eq(&cut["truncated"].to_string());
        assert_eq!(kept, 13);
    }

    #[test]
    fn a_long_text_is_cut_at_a_line_end() {
        let text: String = (0..200).map(|i| format!("line {i}\n")).collect();
        let cut = bounded(json!({"graph": {"mermaid": text}}), 1024);
        let kept = cut["graph"]["mermaid"].as_str().unwrap_or_default();
        assert!(json_len(&cut) <= 1024 && kept.ends_with('\n'));
        expect_test::expect![[r#"[{"field":"graph.mermaid","kept":286,"total":1690,"unit":"bytes"}]"#]]
            .assert_eq(&cut["truncated"].to_string());
    }

    #[test]
    fn a_small_answer_is_left_alone() {
        let small = json!({"findings": [1, 2, 3]});
        assert_eq!(bounded(small.clone(), LIMIT), small);
    }
}
