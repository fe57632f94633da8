//! Checks one incoming message body before tower-lsp-server sees it.
//!
//! The framework's decoder stops reading for good after the first message it cannot decode, so
//! everything it would reject is answered here instead (-32700 for bytes that are not JSON,
//! -32600 for JSON that is not a single JSON-RPC message) and never passed on. Requests for
//! `$/` methods, which the framework leaves unanswered, get -32601 here.

use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{json, Value};

pub(super) const PARSE_ERROR: i64 = -32700;
pub(super) const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;

/// What to do with one message.
#[derive(Debug, PartialEq)]
pub(super) enum Verdict {
    /// Pass it on; `exit` is set for the `exit` notification, after which nothing is read.
    Forward { exit: bool },
    /// Do not pass it on: send this answer (a whole frame) to the client instead.
    Answer(Vec<u8>),
}

/// The fields that decide what a message is. Parsing it checks the JSON syntax of the whole
/// message; [`decodes_fully`] checks what that leaves out.
#[derive(Deserialize)]
struct Envelope {
    jsonrpc: Option<String>,
    method: Option<String>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default, rename = "params")]
    _params: Option<IgnoredAny>,
    #[serde(default, deserialize_with = "present")]
    result: Option<IgnoredAny>,
    #[serde(default, deserialize_with = "present")]
    error: Option<IgnoredAny>,
}

/// `Some` even for an explicit `null`, which plain `Option` would turn into `None`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(de: D) -> Result<Option<T>, D::Error> {
    T::deserialize(de).map(Some)
}

pub(super) fn check(body: &[u8]) -> Verdict {
    match classify(body) {
        Ok(Some(method)) => Verdict::Forward { exit: method == "exit" },
        Ok(None) => Verdict::Forward { exit: false },
        Err(rejected) => Verdict::Answer(error_frame(&rejected.id, rejected.code, &rejected.message)),
    }
}

/// Why a message is not passed on.
struct Rejected {
    id: Value,
    code: i64,
    message: String,
}

impl Rejected {
    fn new(id: Value, code: i64, message: impl Into<String>) -> Rejected {
        Rejected { id, code, message: message.into() }
    }
}

/// The method of a request or notification, `None` for a response to one of our requests.
fn classify(body: &[u8]) -> Result<Option<String>, Rejected> {
    let text = std::str::from_utf8(body).map_err(|err| {
        Rejected::new(Value::Null, PARSE_ERROR, format!("Parse error: the message is not UTF-8: {err}"))
    })?;
    let first = text.trim_start().as_bytes().first().copied();
    if first != Some(b'{') {
        // Valid JSON that is not an object (a batch array, a number) is an invalid request.
        serde_json::from_str::<IgnoredAny>(text).map_err(|err| parse_error(body, &err))?;
        decodes_fully(text).map_err(|err| parse_error(body, &err))?;
        let what = if first == Some(b'[') { "batch messages are not supported" } else { "a message must be an object" };
        return Err(Rejected::new(Value::Null, INVALID_REQUEST, format!("Invalid request: {what}")));
    }
    let envelope: Envelope = serde_json::from_str(text).map_err(|err| match err.classify() {
        serde_json::error::Category::Data => invalid(readable_id(body), err.to_string()),
        _ => parse_error(body, &err),
    })?;
    decodes_fully(text).map_err(|err| parse_error(body, &err))?;
    let has_id = envelope.id.is_some();
    let id = envelope.id.unwrap_or(Value::Null);
    // Ids the framework cannot decode (floats, objects, null) make its decoder stop.
    let id_ok = id.is_string() || id.as_i64().is_some();
    let answer_id = if id_ok { id.clone() } else { Value::Null };
    if envelope.jsonrpc.as_deref() != Some("2.0") {
        return Err(invalid(answer_id, "\"jsonrpc\" must be \"2.0\""));
    }
    if has_id && !id_ok {
        return Err(invalid(Value::Null, "\"id\" must be an integer or a string"));
    }
    let is_response = envelope.result.is_some() || envelope.error.is_some();
    match (envelope.method, is_response) {
        (Some(_), true) => Err(invalid(answer_id, "a message cannot have both \"method\" and \"result\" or \"error\"")),
        (Some(method), false) if method.starts_with("$/") && has_id => {
            Err(Rejected::new(answer_id, METHOD_NOT_FOUND, format!("Method not found: {method}")))
        }
        (Some(method), false) => Ok(Some(method)),
        (None, true) if !has_id => Err(invalid(Value::Null, "a response needs an \"id\"")),
        (None, true) => check_response(text).map(|()| None),
        (None, false) => Err(invalid(answer_id, "a message needs a \"method\", or a \"result\" or \"error\"")),
    }
}

/// A response must decode as the framework's own type, or it would be read as a request.
fn check_response(text: &str) -> Result<(), Rejected> {
    serde_json::from_str::<tower_lsp_server::jsonrpc::Response>(text)
        .map(drop)
        .map_err(|err| invalid(Value::Null, format!("malformed response: {err}")))
}

fn invalid(id: Value, why: impl std::fmt::Display) -> Rejected {
    Rejected::new(id, INVALID_REQUEST, format!("Invalid request: {why}"))
}

fn parse_error(body: &[u8], err: &serde_json::Error) -> Rejected {
    Rejected::new(readable_id(body), PARSE_ERROR, format!("Parse error: {err}"))
}

/// The request's id when it can still be read, so the client can fail that request instead of
/// waiting for an answer forever. Other fields are skipped without decoding their strings, so
/// a broken string elsewhere (a lone surrogate in a document's text) does not hide the id.
fn readable_id(body: &[u8]) -> Value {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<Value>,
    }
    let id = serde_json::from_slice::<IdOnly>(body).ok().and_then(|m| m.id);
    id.filter(|id| id.is_string() || id.as_i64().is_some()).unwrap_or(Value::Null)
}

/// A whole `Content-Length` frame holding an error response.
pub(super) fn error_frame(id: &Value, code: i64, message: &str) -> Vec<u8> {
    let body = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }).to_string();
    let mut frame = Vec::new();
    super::framing::write_frame(body.as_bytes(), &mut frame);
    frame
}

/// Whether the framework can decode `text` (already known to be JSON). It decodes every string
/// and number of a message, even in fields it ignores, and fails on a lone surrogate escape, a
/// number out of `f64` range and nesting deeper than 128. Decoding is slow (2-4 times slower
/// than checking the syntax; a 20 MB document takes ~100 ms), so it is done only when a quick
/// scan finds something that could fail.
fn decodes_fully(text: &str) -> Result<(), serde_json::Error> {
    if may_fail_to_decode(text.as_bytes()) {
        serde_json::from_str::<Checked>(text).map(drop)
    } else {
        Ok(())
    }
}

/// Nesting up to this depth cannot reach the decoder's limit of 128.
const SAFE_DEPTH: usize = 100;
/// A number token this short cannot be out of `f64` range without an exponent.
const SAFE_NUMBER: usize = 300;

/// `true` when `json` has a surrogate escape (`\uD800`-`\uDFFF`, paired or not), a number with
/// an exponent or over [`SAFE_NUMBER`] characters, or nesting over [`SAFE_DEPTH`]: the only
/// things the decoder rejects that the syntax check lets through. False alarms (`\\ud800` in a
/// text) only cost the full decode.
fn may_fail_to_decode(json: &[u8]) -> bool {
    has_surrogate_escape(json) || structure_may_fail(json)
}

fn has_surrogate_escape(json: &[u8]) -> bool {
    memchr::memmem::find_iter(json, br"\u").any(|at| match json.get(at + 2..at + 4) {
        Some([d, x]) => d.eq_ignore_ascii_case(&b'd') && matches!(x.to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f'),
        _ => false,
    })
}

/// Numbers and nesting, outside strings (which are jumped over, not walked).
fn structure_may_fail(json: &[u8]) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'"' => match string_end(json, i + 1) {
                Some(end) => i = end,
                None => return true,
            },
            b'[' | b'{' => {
                depth += 1;
                if depth > SAFE_DEPTH {
                    return true;
                }
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let len = json[i..]
                    .iter()
                    .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                    .count();
                if len > SAFE_NUMBER || json[i..i + len].iter().any(|b| matches!(b, b'e' | b'E')) {
                    return true;
                }
                i += len;
            }
            _ => i += 1,
        }
    }
    false
}

/// The index after the closing quote of the string whose contents start at `from`: the first
/// quote not escaped by an odd number of backslashes.
fn string_end(json: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + memchr::memchr(b'"', &json[from..])?;
        let backslashes = json[..at].iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 0 {
            return Some(at + 1);
        }
        from = at + 1;
    }
}

/// Any JSON value, decoded as `serde_json::Value` would decode it (so a lone surrogate escape,
/// an out-of-range number or too deep nesting fail here as they would there) but not kept.
/// `IgnoredAny` is not enough: it skips strings without decoding their escapes, does not
/// convert numbers and has no depth limit.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Checked, D::Error> {
        de.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_key::<Checked>()?.is_some() {
            map.next_value::<Checked>()?;
        }
        Ok(Checked)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;

    #[track_caller]
    fn check_message(body: &[u8], expect: Expect) {
        let shown = match check(body) {
            Verdict::Forward { exit } => format!("forward exit={exit}"),
            Verdict::Answer(frame) => String::from_utf8(frame).expect("UTF-8 answer").replace("\r\n", "\\r\\n"),
        };
        expect.assert_eq(&shown);
    }

    #[test]
    fn well_formed_messages_are_passed_on() {
        check_message(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#, expect!["forward exit=false"]);
        check_message(br#"{"jsonrpc":"2.0","method":"exit"}"#, expect!["forward exit=true"]);
        check_message(
            br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
            expect!["forward exit=false"],
        );
        check_message(br#"{"jsonrpc":"2.0","id":"a","result":null}"#, expect!["forward exit=false"]);
        check_message(
            br#"{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"no"}}"#,
            expect!["forward exit=false"],
        );
        check_message(
            br#"{"jsonrpc":"2.0","method":"m","params":{"t":"\ud83d\ude00 \u00e9"}}"#,
            expect!["forward exit=false"],
        );
    }

    #[test]
    fn bytes_that_are_not_json_are_parse_errors() {
        check_message(
            b"{\"jsonrpc\":",
            expect![[
                r#"Content-Length: 122\r\n\r\n{"error":{"code":-32700,"message":"Parse error: EOF while parsing a value at line 1 column 11"},"id":null,"jsonrpc":"2.0"}"#
            ]],
        );
        check_message(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}",
            expect![[
                r#"Content-Length: 150\r\n\r\n{"error":{"code":-32700,"message":"Parse error: the message is not UTF-8: invalid utf-8 sequence of 1 bytes from index 27"},"id":null,"jsonrpc":"2.0"}"#
            ]],
        );
        // A lone surrogate escape is valid JSON syntax but not a string; the id is still read.
        check_message(
            br#"{"jsonrpc":"2.0","id":7,"method":"m","params":{"text":"a\udcffb"}}"#,
            expect![[
                r#"Content-Length: 130\r\n\r\n{"error":{"code":-32700,"message":"Parse error: lone leading surrogate in hex escape at line 1 column 62"},"id":7,"jsonrpc":"2.0"}"#
            ]],
        );
        check_message(
            &[b"[".repeat(200), b"]".repeat(200)].concat(),
            expect![[
                r#"Content-Length: 122\r\n\r\n{"error":{"code":-32700,"message":"Parse error: recursion limit exceeded at line 1 column 128"},"id":null,"jsonrpc":"2.0"}"#
            ]],
        );
    }

    /// The framework decodes every string and number, even in fields it then ignores.
    #[test]
    fn what_the_framework_cannot_decode_is_a_parse_error_wherever_it_is() {
        let deep = format!(r#"{{"jsonrpc":"2.0","method":"m","params":{}1{}}}"#, "[".repeat(150), "]".repeat(150));
        let cases = [
            r#"{"jsonrpc":"2.0","method":"m","unknown":"\uDC00"}"#.to_string(),
            r#"{"jsonrpc":"2.0","method":"m","params":[1e400]}"#.to_string(),
            format!(r#"{{"jsonrpc":"2.0","method":"m","params":[1{}]}}"#, "0".repeat(400)),
            deep,
            // These pass: a surrogate pair, exponents in range, a long but valid number.
            r#"{"jsonrpc":"2.0","method":"m","params":["\ud83d\ude00",1e300,-2.5E-400]}"#.to_string(),
            format!(r#"{{"jsonrpc":"2.0","method":"m","params":[1{}]}}"#, "0".repeat(299)),
        ];
        let shown: Vec<String> = cases
            .iter()
            .map(|body| match check(body.as_bytes()) {
                Verdict::Answer(frame) => {
                    let text = String::from_utf8(frame).expect("UTF-8 answer");
                    text[text.find('{').expect("body")..].to_string()
                }
                other => format!("{other:?}"),
            })
            .collect();
        expect![[r#"
            {"error":{"code":-32700,"message":"Parse error: lone leading surrogate in hex escape at line 1 column 47"},"id":null,"jsonrpc":"2.0"}
            {"error":{"code":-32700,"message":"Parse error: number out of range at line 1 column 45"},"id":null,"jsonrpc":"2.0"}
            {"error":{"code":-32700,"message":"Parse error: number out of range at line 1 column 441"},"id":null,"jsonrpc":"2.0"}
            {"error":{"code":-32700,"message":"Parse error: recursion limit exceeded at line 1 column 166"},"id":null,"jsonrpc":"2.0"}
            Forward { exit: false }
            Forward { exit: false }"#]].assert_eq(&shown.join("\n"));
    }

    /// The point of the check: whatever it passes on, the framework can decode (its private
    /// message type is this same untagged pair).
    #[test]
    fn every_message_passed_on_decodes_in_the_framework() {
        #[derive(Deserialize)]
        #[serde(untagged)]
        #[allow(dead_code)] // Only whether it decodes matters.
        enum FrameworkMessage {
            Response(tower_lsp_server::jsonrpc::Response),
            Request(tower_lsp_server::jsonrpc::Request),
        }
        let bodies = [
            r#"{"jsonrpc":"2.0","id":1,"method":"m","params":{"a":[1,2.5,"\ud83d\ude00"]}}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":null,"extra":{"deep":[[["x"]]]}}"#,
            r#"{"jsonrpc":"2.0","method":"m","extra":"\udcff"}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":[1e309]}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":[-1e308]}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":[18446744073709551616]}"#,
            r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"m"}"#,
            r#"{"jsonrpc":"2.0","id":-9223372036854775808,"method":"m"}"#,
            r#"{"jsonrpc":"2.0","id":"x","result":[1e400]}"#,
            r#"{"jsonrpc":"2.0","id":"x","error":{"code":1,"message":"m","data":"\ud800"}}"#,
            r#"{"jsonrpc":"2.0","id":"x","error":{"code":1,"message":"m","data":null}}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":"\u0000\\\"\/"}"#,
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":\"\t\"}",
            r#"["2.0","m"]"#,
            r#"{"jsonrpc":"2.0","method":"m","method":"n"}"#,
            r#"{"jsonrpc":"2.0","method":"m"} {}"#,
        ];
        let mut passed = 0;
        for body in bodies {
            if let Verdict::Forward { .. } = check(body.as_bytes()) {
                passed += 1;
                let decoded = serde_json::from_str::<FrameworkMessage>(body);
                assert!(decoded.is_ok(), "passed on but the framework cannot decode it: {body}");
            }
        }
        assert_eq!(passed, 7);
    }

    #[test]
    fn the_scan_sends_only_suspicious_messages_to_the_full_decode() {
        assert!(!may_fail_to_decode(br#"{"a":"plain \" \\ \n \u00e9 text 1e5","b":[1,2.5,-3],"c":true}"#));
        assert!(may_fail_to_decode(br#"{"a":"\ud800"}"#));
        assert!(may_fail_to_decode(br#"{"a":"\uDFFF"}"#));
        assert!(may_fail_to_decode(br#"{"a":1E3}"#));
        assert!(may_fail_to_decode(br#"{"a":"unterminated}"#));
        assert!(!may_fail_to_decode(br#"{"a":"\\","b":"x\\\"1e5\"","c":1}"#));
        assert!(may_fail_to_decode(br#"{"a":"\\","b":1e5}"#));
    }

    #[test]
    fn json_that_is_not_one_message_is_an_invalid_request() {
        let cases: [&[u8]; 11] = [
            br#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#,
            b"{}",
            b"5",
            br#"{"id":9,"method":"shutdown"}"#,
            br#"{"jsonrpc":"1.0","id":"x","method":"shutdown"}"#,
            br#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
            br#"{"jsonrpc":"2.0","id":null,"method":"shutdown"}"#,
            br#"{"jsonrpc":"2.0","id":11,"method":5}"#,
            br#"{"jsonrpc":"2.0","id":12,"method":"m","result":1}"#,
            br#"{"jsonrpc":"2.0","id":13,"method":"m","id":14}"#,
            br#"{"jsonrpc":"2.0","id":15,"error":{"code":"x"}}"#,
        ];
        let shown: Vec<String> = cases
            .iter()
            .map(|body| match check(body) {
                Verdict::Answer(frame) => {
                    let text = String::from_utf8(frame).expect("UTF-8 answer");
                    let answer: Value = serde_json::from_str(&text[text.find('{').expect("body")..]).expect("JSON");
                    format!("{} {} {}", answer["id"], answer["error"]["code"], answer["error"]["message"])
                }
                other => format!("{other:?}"),
            })
            .collect();
        expect![[r#"
            null -32600 "Invalid request: batch messages are not supported"
            null -32600 "Invalid request: \"jsonrpc\" must be \"2.0\""
            null -32600 "Invalid request: a message must be an object"
            9 -32600 "Invalid request: \"jsonrpc\" must be \"2.0\""
            "x" -32600 "Invalid request: \"jsonrpc\" must be \"2.0\""
            null -32600 "Invalid request: \"id\" must be an integer or a string"
            null -32600 "Invalid request: \"id\" must be an integer or a string"
            11 -32600 "Invalid request: invalid type: integer `5`, expected a string at line 1 column 35"
            12 -32600 "Invalid request: a message cannot have both \"method\" and \"result\" or \"error\""
            null -32600 "Invalid request: duplicate field `id` at line 1 column 42"
            null -32600 "Invalid request: malformed response: data did not match any variant of untagged enum Kind at line 1 column 46""#]]
        .assert_eq(&shown.join("\n"));
    }

    #[test]
    fn dollar_requests_are_answered_and_dollar_notifications_passed_on() {
        check_message(
            br#"{"jsonrpc":"2.0","id":3,"method":"$/chant/ping"}"#,
            expect![[
                r#"Content-Length: 91\r\n\r\n{"error":{"code":-32601,"message":"Method not found: $/chant/ping"},"id":3,"jsonrpc":"2.0"}"#
            ]],
        );
        check_message(br#"{"jsonrpc":"2.0","method":"$/chant/ping"}"#, expect!["forward exit=false"]);
    }
}
