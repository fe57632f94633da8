"""`chant-lsp mcp` driven by the official MCP Python SDK, as an agent's client drives it.

    python test_mcp.py SERVER WORKSPACE EXPECTED_JSON [--record]

WORKSPACE is a scratch copy of tests/fixtures/mcp (the test edits and fixes it). Every answer is
compared with its entry in EXPECTED_JSON; --record writes the answers there instead.
"""

import asyncio
import json
import pathlib
import sys

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

SERVER, WORKSPACE, EXPECTED = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
RECORD = "--record" in sys.argv[4:]
SPECS = WORKSPACE / ".chant" / "specs"

answers = {}
failures = []


def note(label, value):
    answers[label] = value


async def call(session, label, tool, arguments):
    """Calls a tool and notes its answer: the structured content, or the error text."""
    result = await session.call_tool(tool, arguments)
    if result.is_error:
        value = {"isError": True, "text": result.content[0].text}
    else:
        value = result.structured_content
        # The text block repeats the structured content (for clients that read only text).
        if json.loads(result.content[0].text) != value:
            failures.append(f"{label}: the text block differs from the structured content")
    note(label, value)
    return value


async def session_at(root_args, cwd, body):
    params = StdioServerParameters(command=SERVER, args=["mcp", *root_args], cwd=str(cwd))
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            note(f"{body.__name__}: server", {"name": init.server_info.name, "tools": init.capabilities.tools is not None})
            await body(session)


async def main_session(session):
    tools = (await session.list_tools()).tools
    note("tools", [
        {
            "name": t.name,
            "title": t.title,
            "readOnlyHint": t.annotations.read_only_hint,
            "destructiveHint": t.annotations.destructive_hint,
            "input": sorted(t.input_schema.get("properties", {})),
            "required": sorted(t.input_schema.get("required", [])),
            "outputSchema": (t.output_schema or {}).get("type"),
        }
        for t in tools
    ])

    await call(session, "check", "check", {})
    await call(session, "check one spec", "check", {"paths": [".chant/specs/003-logout.md"]})

    # A draft of a new spec, checked without writing it.
    draft = ("---\ntype: code\nstatus: pending\ndepends_on: [003-logut]\n---\n"
             "# A new spec\n\n## Acceptance Criteria\n\n- [ ] Done\n")
    await call(session, "check_text new", "check_text", {"path": ".chant/specs/005-new.md", "text": draft})
    if (SPECS / "005-new.md").exists():
        failures.append("check_text wrote the draft")
    # A draft of an existing spec stands in for it; the file stays as it was.
    logout = SPECS / "003-logout.md"
    before = logout.read_text()
    await call(session, "check_text existing", "check_text",
               {"path": ".chant/specs/003-logout.md", "text": before.replace("- 002-session", "- 002-sessio")})
    if logout.read_text() != before:
        failures.append("check_text changed the spec on disk")

    # An edit on disk between two calls: the second sees it.
    logout.write_text(before.replace("- 002-session", "- 002-sessio"))
    await call(session, "check after an edit on disk", "check", {"paths": [".chant/specs/003-logout.md"]})
    logout.write_text(before)
    await call(session, "check after undoing the edit", "check", {"paths": [".chant/specs/003-logout.md"]})

    # Bad arguments: tool errors the agent can act on, and the session goes on.
    await call(session, "bad argument type", "check", {"paths": 3})
    await call(session, "unknown argument", "spec", {"name": "003-logout"})
    await call(session, "path outside the root", "check", {"paths": ["../elsewhere"]})
    unknown = await call(session, "unknown code", "explain", {"code": "no-such-code"})
    # The list of codes that follows grows with the checker: compare up to it.
    answers["unknown code"] = {**unknown, "text": unknown["text"].split(" the codes are:")[0]}

    explained = await call(session, "explain", "explain", {"code": "unknown-dependency"})
    # The section is docs/diagnostics.md's: compare its start, not the whole page section.
    answers["explain"] = {**explained, "text": explained["text"].splitlines()[0]}
    await call(session, "spec", "spec", {"id": "003-logout"})
    await call(session, "ready", "ready", {})
    await call(session, "graph json", "graph", {"spec": "003-logout", "depth": 1, "format": "json"})
    await call(session, "graph mermaid", "graph", {"format": "mermaid"})
    await call(session, "references", "references", {"id": "002-session"})
    await call(session, "pr_description", "pr_description", {"spec": "002-session"})

    draft_spec = SPECS / "004-draft.md"
    unfixed = draft_spec.read_text()
    await call(session, "fix dry run", "fix", {"dry_run": True})
    if draft_spec.read_text() != unfixed:
        failures.append("fix with dry_run wrote the spec")
    await call(session, "fix", "fix", {})
    note("004-draft.md after fix", draft_spec.read_text())
    await call(session, "fix unsafe", "fix", {"unsafe": True})
    await call(session, "check after fixing", "check", {})


async def discovered_session(session):
    """Started without --root, in a folder inside the workspace: the root is found above it."""
    await call(session, "ready from a subfolder", "ready", {})


async def main():
    await session_at(["--root", str(WORKSPACE)], WORKSPACE.parent, main_session)
    await session_at([], SPECS, discovered_session)
    if RECORD:
        EXPECTED.write_text(json.dumps(answers, indent=2, sort_keys=True) + "\n")
        print(f"recorded {len(answers)} answers in {EXPECTED}")
        return
    expected = json.loads(EXPECTED.read_text())
    for label in sorted(set(expected) | set(answers)):
        if expected.get(label) != answers.get(label):
            failures.append(
                f"{label}:\n  expected {json.dumps(expected.get(label), sort_keys=True)}\n"
                f"  got      {json.dumps(answers.get(label), sort_keys=True)}")
    if failures:
        print("MCP end-to-end test FAILED:\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print(f"MCP end-to-end test passed: {len(answers)} answers as expected, every tool called")


asyncio.run(main())
