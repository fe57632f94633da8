//! `dependency-cycle`: the spec depends, through `depends_on`, on itself. Every entry that leads
//! into the cycle is flagged, and every other member of the cycle is listed as related.

use super::{Acc, Code, GraphCtx, Related};
use crate::ide::limits::{CYCLE_IDS_SHOWN, RELATED_PER_DIAGNOSTIC};
use crate::spec::schema::DEPENDS_ON;
use crate::text::TextRange;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    let Some(cycle) = ctx.ws.cycle_of(&ctx.spec.id) else { return };
    // Only the spec the id resolves to takes part; an archived copy of the same id does not.
    if ctx.ws.lookup_path(&ctx.spec.id).map(|p| &**p) != Some(ctx.path) {
        return;
    }
    let entries = ctx.spec.accepted_items(DEPENDS_ON);
    let next = entries
        .iter()
        .filter(|(entry, _)| *entry != ctx.spec.id && cycle.binary_search_by(|m| m.as_str().cmp(entry)).is_ok());
    if cycle.len() <= CYCLE_IDS_SHOWN {
        let related: Vec<Related> = cycle
            .iter()
            .filter(|m| **m != ctx.spec.id)
            .filter_map(|m| related(ctx, m, "is part of the cycle"))
            .collect();
        let names = cycle.join(", ");
        for (entry, range) in next {
            let d = acc.push(
                Code::DependencyCycle,
                *range,
                format!("dependency cycle through `{entry}`: {names} depend on each other, so none of them can ever become ready; remove one link"),
            );
            d.related = related.clone();
        }
        return;
    }
    // A long cycle: its length, a few of its ids, and this spec's neighbours in it. Listing every
    // member would make each message as large as the cycle, and the whole workspace quadratic.
    let leads = leads_here(ctx, cycle);
    let shown = cycle[..CYCLE_IDS_SHOWN].iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
    let more = cycle.len() - CYCLE_IDS_SHOWN;
    let lead = match leads.as_slice() {
        [] => String::new(),
        [one] => format!("`{one}` leads here and "),
        [first, rest @ ..] => format!("`{first}` and {} more lead here and ", rest.len()),
    };
    for (entry, range) in next {
        let mut links: Vec<Related> = related(ctx, entry, "continues the cycle").into_iter().collect();
        let room = RELATED_PER_DIAGNOSTIC - links.len();
        links.extend(leads.iter().filter_map(|m| related(ctx, m, "leads here")).take(room));
        let d = acc.push(
            Code::DependencyCycle,
            *range,
            format!(
                "dependency cycle through `{entry}`: {} specs depend on each other ({shown} and {more} more); {lead}`{entry}` leads on, so none of them can ever become ready; remove one link",
                cycle.len()
            ),
        );
        d.related = links;
    }
}

/// The members of the cycle that depend on this spec, sorted: who leads into it.
fn leads_here<'a>(ctx: &GraphCtx<'a>, cycle: &[String]) -> Vec<&'a str> {
    let mut out: Vec<&str> = ctx
        .ws
        .referrers(&ctx.spec.id)
        .filter_map(|path| ctx.ws.spec(path))
        .map(|spec| spec.id.as_str())
        .filter(|id| *id != ctx.spec.id && cycle.binary_search_by(|m| m.as_str().cmp(id)).is_ok())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A link to a cycle member's title line (or its first line when it has no title).
fn related(ctx: &GraphCtx, mate: &str, what: &str) -> Option<Related> {
    let (path, spec) = (ctx.ws.lookup_path(mate)?, ctx.ws.lookup(mate)?);
    let range = spec.title.as_ref().map_or(TextRange::empty(0), |t| t.line);
    Some(Related { path: path.to_path_buf(), range, message: format!("`{mate}` {what}") })
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::diagnose;
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::{check, diagnostics_for, write_fixture};
    use crate::spec::info::SpecInfo;
    use crate::spec::SpecLocation;
    use crate::workspace::config::SeverityOverrides;
    use crate::workspace::Workspace;
    use expect_test::expect;

    #[test]
    fn three_cycle() {
        check(
            Code::DependencyCycle,
            r#"
                //- /.chant/specs/a.md
                ---
                depends_on: [b, d]
                ---
                # A
                //- /.chant/specs/b.md
                ---
                depends_on: [c]
                ---
                # B
                //- /.chant/specs/c.md
                ---
                depends_on: [a]
                ---
                # C
                //- /.chant/specs/d.md
                ---
                ---
                # D
            "#,
            expect![[r#"
                ---
                depends_on: [b, d]
                             ^ error[dependency-cycle]: dependency cycle through `b`: a, b, c depend on each other, so none of them can ever become ready; remove one link
                ---
                # A
            "#]],
        );
    }

    /// A ring of `n` specs `s00 → s01 → … → s00`, as a fixture whose first file is `s00`.
    fn ring(n: usize) -> String {
        (0..n)
            .map(|i| format!("//- /.chant/specs/s{i:02}.md\n---\ndepends_on: [s{:02}]\n---\n# S{i}\n", (i + 1) % n))
            .collect()
    }

    #[test]
    fn eight_cycle_is_named_in_full() {
        check(
            Code::DependencyCycle,
            &ring(8),
            expect![[r#"
                ---
                depends_on: [s01]
                             ^^^ error[dependency-cycle]: dependency cycle through `s01`: s00, s01, s02, s03, s04, s05, s06, s07 depend on each other, so none of them can ever become ready; remove one link
                ---
                # S0
            "#]],
        );
    }

    #[test]
    fn long_cycle_names_length_neighbours_and_eight_ids() {
        let tmp = write_fixture(&ring(12));
        let ws = tmp.load();
        let found = diagnostics_for(&ws, &tmp.first, &[Code::DependencyCycle]);
        let shown: Vec<String> = found
            .iter()
            .flat_map(|d| {
                let related = d.related.iter().map(|r| {
                    format!("  related {} {}..{}: {}", tmp.rel(&r.path), r.range.start, r.range.end, r.message)
                });
                std::iter::once(d.message.clone()).chain(related)
            })
            .collect();
        expect![[r#"
            dependency cycle through `s01`: 12 specs depend on each other (`s00`, `s01`, `s02`, `s03`, `s04`, `s05`, `s06`, `s07` and 4 more); `s11` leads here and `s01` leads on, so none of them can ever become ready; remove one link
              related .chant/specs/s01.md 26..30: `s01` continues the cycle
              related .chant/specs/s11.md 26..31: `s11` leads here"#]]
        .assert_eq(&shown.join("\n"));
    }

    /// A hub in a long cycle that many mates lead into: at most eight related locations.
    #[test]
    fn related_locations_are_capped() {
        let mut fixture = ring(12);
        // s02..s11 also depend on s00, so ten specs of the cycle lead into it.
        for i in 2..12 {
            fixture = fixture.replace(
                &format!("depends_on: [s{:02}]\n---\n# S{i}\n", (i + 1) % 12),
                &format!("depends_on: [s{:02}, s00]\n---\n# S{i}\n", (i + 1) % 12),
            );
        }
        let tmp = write_fixture(&fixture);
        let ws = tmp.load();
        let found = diagnostics_for(&ws, &tmp.first, &[Code::DependencyCycle]);
        let related: Vec<&str> = found[0].related.iter().map(|r| r.message.as_str()).collect();
        expect![[r#"
            dependency cycle through `s01`: 12 specs depend on each other (`s00`, `s01`, `s02`, `s03`, `s04`, `s05`, `s06`, `s07` and 4 more); `s02` and 9 more lead here and `s01` leads on, so none of them can ever become ready; remove one link
            `s01` continues the cycle
            `s02` leads here
            `s03` leads here
            `s04` leads here
            `s05` leads here
            `s06` leads here
            `s07` leads here
            `s08` leads here"#]].assert_eq(&format!("{}\n{}", found[0].message, related.join("\n")));
    }

    /// The hostile workspace of the issue: a 3,000-spec cycle, and one spec naming 10,000 ids
    /// that do not exist. Every message and related list stays small.
    #[test]
    fn huge_cycle_and_many_unknown_ids_stay_bounded() {
        let n = 3_000;
        let mut ws = Workspace::new(std::path::PathBuf::from("/hostile"));
        let specs = (0..n).map(|i| {
            let text =
                format!("---\ndepends_on: [2026-01-24-{i:03x}-abc, 2026-01-24-{:03x}-abc]\n---\n# S{i}\n", (i + 1) % n);
            let id = format!("2026-01-24-{i:03x}-abc");
            (std::path::PathBuf::from(format!("/hostile/.chant/specs/{id}.md")), id, text)
        });
        let unknown: String = (0..10_000).map(|i| format!("  - 2025-12-{:02}-{i:03x}-zzz\n", i % 28 + 1)).collect();
        let lonely = (
            "/hostile/.chant/specs/lonely.md".into(),
            "lonely".to_string(),
            format!("---\ndepends_on:\n{unknown}---\n# Lonely\n"),
        );
        ws.insert_all(
            specs.chain(std::iter::once(lonely)).map(|(path, id, text)| {
                (path, std::sync::Arc::new(SpecInfo::from_text(id, SpecLocation::Active, text)))
            }),
        );
        let paths: Vec<std::path::PathBuf> = ws.specs().map(|(p, _)| p.to_path_buf()).collect();
        let mut longest = 0;
        let mut most_related = 0;
        let mut per_file = 0;
        for path in &paths {
            let found = diagnose(&ws, path, &SeverityOverrides::default());
            per_file = per_file.max(found.len());
            longest = longest.max(found.iter().map(|d| d.message.len()).max().unwrap_or(0));
            most_related = most_related.max(found.iter().map(|d| d.related.len()).max().unwrap_or(0));
        }
        expect![[r#"
            longest message: 392 bytes
            most related locations: 2
            most diagnostics in one file: 1000"#]]
        .assert_eq(&format!(
            "longest message: {longest} bytes\nmost related locations: {most_related}\nmost diagnostics in one file: {per_file}"
        ));
    }
}
