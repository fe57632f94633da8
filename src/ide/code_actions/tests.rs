//! Fix-all and the offer of code actions: which fixes one edit combines, and what a code action
//! request gets back from the data the client sent. Each rule's own fixes are tested beside it.

use super::*;
use crate::ide::test_fixture::fixes::*;
use crate::spec::Spec;
use crate::text::TextRange;

#[test]
fn fix_all_combines_single_choice_fixes() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            $0---
            type: implementation
            status: complete
            commit: abc
            pr: 1
            depends_on:
              - 004-sprawl
              - a
            ---
            # A
            ## Acceptance Criteria
            - [x] a
            //- /.chant/specs/004-sprawl-fix.md
            ---
            status: completed
            ---
            # S
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let fix = fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Safe).expect("something to fix");
    let repaired: Vec<Code> = fix.diagnostics.iter().map(|&i| diagnostics[i].code).collect();
    expect![[r#"
        [InvalidValue, InvalidValue, UnknownField, UnknownDependency]
    "#]]
    .assert_eq(&format!("{repaired:?}\n"));
    let new_text = apply_edits(&fx.spec().text, &fix.edits);
    // `pr` (removal only) and the self-dependency (a deletion) stay for the user to decide.
    expect![[r#"
        ---
        type: code
        status: completed
        commits: [abc]
        pr: 1
        depends_on:
          - 004-sprawl-fix
          - a
        ---
        # A
        ## Acceptance Criteria
        - [x] a
    "#]]
    .assert_eq(&new_text);
    fx.files.write(&fx.file, &new_text);
    let after_ws = fx.files.load();
    let after = codes(&fx, &after_ws);
    let mut left: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    for code in &repaired {
        let at = left.iter().position(|c| c == code).expect("was there");
        left.remove(at);
    }
    assert_eq!(after, left);
}

/// A missing file may be created or replaced by the closest name: two choices, so fix-all takes
/// neither, even though it never creates files itself.
#[test]
fn fix_all_leaves_a_missing_file_to_the_user() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            $0---
            informed_by: ['.chant/research/ntoes.md']
            ---
            # A
            //- /.chant/research/notes.md
            # N
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    assert_eq!(diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::MissingFile, Code::NoAcceptanceCriteria]);
    let both = [Applicability::Safe, Applicability::Unsafe].map(|a| fix_all(&fx.ws, fx.spec(), &diagnostics, a));
    assert_eq!(both, [None, None]);
}

/// Unsafe fixes add the diagnostics whose only fix deletes (`pr`, the self-dependency `a`) or
/// changes what chant does (the id in the body becomes a dependency), never one with a choice,
/// and never a file.
#[test]
fn unsafe_fix_all_also_takes_single_deleting_fixes() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            $0---
            type: implementation
            commit: abc
            pr: 1
            depends_on:
              - a
              - b
            ---
            # A
            After 2026-01-20-00a-abc.
            ## Acceptance Criteria
            - [x] a
            //- /.chant/specs/b.md
            ---
            type: code
            ---
            # B
            //- /.chant/specs/2026-01-20-00a-abc.md
            ---
            type: code
            ---
            # C
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let safe = fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Safe).expect("something to fix");
    let fix = fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Unsafe).expect("something to fix");
    let codes = |fix: &Fix| fix.diagnostics.iter().map(|&i| diagnostics[i].code).collect::<Vec<Code>>();
    expect![[r#"
        [InvalidValue, UnknownField]
        [InvalidValue, UnknownField, UnknownField, SelfDependency, SpecIdInBody]
    "#]]
    .assert_eq(&format!("{:?}\n{:?}\n", codes(&safe), codes(&fix)));
    expect![[r#"
        ---
        type: code
        commits: [abc]
        depends_on:
          - b
          - 2026-01-20-00a-abc
        ---
        # A
        After 2026-01-20-00a-abc.
        ## Acceptance Criteria
        - [x] a
    "#]]
    .assert_eq(&apply_edits(&fx.spec().text, &fix.edits));
}

const SELECTION: &str = r#"
    //- /.chant/specs/a.md
    ---
    type: implementation
    status: compl$0ete
    pr: 1
    ---
    # A
    ## Acceptance Criteria
    - [x] a
"#;

/// Everything a client sent back of the findings of the current text: with the data we
/// published, or without it (the client dropped it).
fn shown(fx: &CursorFixture, diagnostics: &[Diagnostic], with_data: bool) -> Vec<Shown> {
    let spec = fx.spec();
    diagnostics
        .iter()
        .map(|d| {
            let data = with_data.then(|| DiagnosticData::of(d, spec));
            Shown::from_client(spec, d.code, d.range, d.severity, d.message.clone(), data)
        })
        .collect()
}

fn all_kinds() -> Asked {
    Asked { quick_fixes: true, criteria: true, fix_all: true, fix_all_by_name: false, create_files: true }
}

/// One line per action: kind, title, and what it repairs (`#i` = the client's i-th diagnostic).
fn render(spec: &Spec, actions: &CodeActions) -> String {
    let repairs = |offered: &Offered| -> String {
        let names: Vec<String> = offered
            .repairs
            .iter()
            .map(|r| match r {
                Repairs::Shown(i) => format!("#{i}"),
                Repairs::Other(d) => format!("{}@{:?}", d.code.as_str(), &spec.text[d.range.as_usize()]),
            })
            .collect();
        names.join(", ")
    };
    let mut out = String::new();
    for o in &actions.quick_fixes {
        out.push_str(&format!("quickfix {} [{}]\n", o.fix.title, repairs(o)));
    }
    if actions.more_problems > 0 {
        out.push_str(&format!("{} more problems\n", actions.more_problems));
    }
    for c in &actions.criteria {
        match c {
            CriteriaAction::Enabled(fix) => out.push_str(&format!("rewrite {}\n", fix.title)),
            CriteriaAction::Disabled { title, .. } => out.push_str(&format!("rewrite {title} (disabled)\n")),
        }
    }
    if let Some(o) = &actions.fix_all {
        out.push_str(&format!("fixAll {} [{}]\n", o.fix.title, repairs(o)));
    }
    out
}

#[test]
fn data_and_rerun_paths_offer_the_same_actions() {
    let fx = with_cursor(SELECTION);
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let at_cursor: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.range.touches(fx.offset)).cloned().collect();
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let overrides = SeverityOverrides::default();
    let ask = |with_data: bool| {
        let actions = code_actions(&fx.ws, within, Some(&shown(&fx, &at_cursor, with_data)), all_kinds(), &overrides);
        render(fx.spec(), &actions)
    };
    let from_data = ask(true);
    assert_eq!(from_data, ask(false), "a client that drops data gets the same actions");
    // Fix-all names the client's own diagnostic, and the other one it repairs as well.
    expect![[r#"
        quickfix Change to `completed` [#0]
        fixAll Fix all auto-fixable chant problems [invalid-value@"implementation", #0]
    "#]]
    .assert_eq(&from_data);
}

#[test]
fn stale_data_gets_no_fix() {
    let fx = with_cursor(SELECTION);
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let status = diagnostics.iter().find(|d| d.range.touches(fx.offset)).expect("the status finding");
    let data = DiagnosticData::of(status, fx.spec());
    assert_eq!((data.text.as_str(), &data.hint), ("complete", &Hint::Replace(vec!["completed".to_string()])));
    // The user typed over the value since the diagnostic was published (same length).
    let edited = fx.spec().text.replace("complete", "complexe");
    let spec = Spec::parse("a".into(), crate::spec::SpecLocation::Active, edited);
    let stale = Shown::from_client(&spec, status.code, status.range, status.severity, String::new(), Some(data));
    assert_eq!(stale, Shown::Rebuilt(None));
    // Unchanged text rebuilds the very finding the rule made (less its related places).
    let fresh =
        DiagnosticData::of(status, fx.spec()).rebuild(status.code, status.severity, status.message.clone(), fx.spec());
    assert_eq!(fresh.as_ref(), Some(status));
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let actions = code_actions(&fx.ws, within, Some(&[stale]), all_kinds(), &SeverityOverrides::default());
    assert_eq!(actions, CodeActions::default());
}

#[test]
fn without_context_the_findings_under_the_range_count() {
    let fx = with_cursor(SELECTION);
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let actions = code_actions(&fx.ws, within, None, all_kinds(), &SeverityOverrides::default());
    expect![[r#"
        quickfix Change to `completed` [invalid-value@"complete"]
        fixAll Fix all auto-fixable chant problems [invalid-value@"implementation", invalid-value@"complete"]
    "#]]
    .assert_eq(&render(fx.spec(), &actions));
}

#[test]
fn fix_all_away_from_problems_only_when_named() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            ---
            type: implementation
            ---
            # A
            ## Acceptance Criteria
            - [ ] $0a
        "#,
    );
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let overrides = SeverityOverrides::default();
    let nearby = code_actions(&fx.ws, within, None, all_kinds(), &overrides);
    expect![[r#"
        rewrite Mark done (disabled)
    "#]]
    .assert_eq(&render(fx.spec(), &nearby));
    let named = Asked { quick_fixes: false, criteria: false, fix_all_by_name: true, ..all_kinds() };
    let on_save = code_actions(&fx.ws, within, None, named, &overrides);
    expect![[r#"
        fixAll Fix all auto-fixable chant problems [invalid-value@"implementation"]
    "#]]
    .assert_eq(&render(fx.spec(), &on_save));
}

#[test]
fn a_client_that_cannot_create_files_is_not_offered_file_creation() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            ---
            informed_by: [docs/$0x.md]
            ---
            # A
            ## Acceptance Criteria
            - [x] a
        "#,
    );
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let overrides = SeverityOverrides::default();
    let can = code_actions(&fx.ws, within, None, all_kinds(), &overrides);
    let cannot = code_actions(&fx.ws, within, None, Asked { create_files: false, ..all_kinds() }, &overrides);
    expect![[r#"
        quickfix Create `docs/x.md` [missing-file@"docs/x.md"]
    "#]]
    .assert_eq(&render(fx.spec(), &can));
    assert_eq!(render(fx.spec(), &cannot), "");
}

/// A check with no suggestion publishes no hint; the finding it came from (an empty suggestion
/// list) is still the one fix-all repairs, so the client's copy is what fix-all names.
#[test]
fn an_empty_suggestion_list_travels_as_no_hint() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            ---
            prompt: zz$0zzzz
            ---
            # A
            ## Acceptance Criteria
            - [x] a
            //- /.chant/prompts/standard.md
            Do it.
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let at_cursor: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.range.touches(fx.offset)).cloned().collect();
    assert_eq!(
        at_cursor.iter().map(|d| (d.code, &d.hint)).collect::<Vec<_>>(),
        [(Code::UnknownPrompt, &Hint::Replace(Vec::new()))]
    );
    assert_eq!(DiagnosticData::of(&at_cursor[0], fx.spec()).hint, Hint::None);
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let overrides = SeverityOverrides::default();
    let ask = |with_data: bool| {
        let actions = code_actions(&fx.ws, within, Some(&shown(&fx, &at_cursor, with_data)), all_kinds(), &overrides);
        render(fx.spec(), &actions)
    };
    let from_data = ask(true);
    assert_eq!(from_data, ask(false));
    expect![[r#"
        quickfix Change prompt to `standard` [#0]
        fixAll Fix all auto-fixable chant problems [#0]
    "#]]
    .assert_eq(&from_data);
}
