//! `spec-id-in-body`: chant lint `coupling`: a date-based spec id written in the body (outside
//! blocks fenced by lines starting with ```` ``` ````) instead of in `depends_on`. Drivers and groups are exempt; members are
//! only warned about their siblings.

use super::{Acc, Code, Ctx, Hint};
use crate::spec::id::{driver_of, DATE_ID_IN_TEXT};
use crate::spec::schema::DEPENDS_ON;
use crate::syntax::typed::SpecType;
use crate::text::TextRange;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let spec = ctx.spec;
    if matches!(spec.spec_type(), Some(SpecType::Driver | SpecType::Group)) {
        return;
    }
    let own = spec.id.as_str();
    let own_driver = driver_of(own);
    let listed: Vec<&str> = spec.string_items(DEPENDS_ON).into_iter().map(|(id, _)| id).collect();
    // chant's coupling rule drops the lines that `body_lines` marks as fenced: every line that
    // starts with ``` flips a block, so inline backticks never hide anything.
    for range in spec.body_lines().filter(|line| !line.in_fence).map(|line| line.range) {
        for m in DATE_ID_IN_TEXT.find_iter(&spec.text[range.as_usize()]) {
            let found = m.as_str();
            if own.starts_with(found) || found.starts_with(own) {
                continue;
            }
            let (message, hint) = match own_driver {
                Some(driver) if driver_of(found) == Some(driver) => {
                    (format!("spec references sibling spec `{found}` in its body: member specs should be independent (chant lint `coupling`)"), Hint::None)
                }
                Some(_) => continue,
                // chant's coupling rule reads the body alone: listing the id in `depends_on`
                // does not silence it, so say so rather than offer that as the fix again.
                None if listed.contains(&found) => (format!("spec id `{found}` in the body: it is in `depends_on` already, but chant lint `coupling` warns about any spec id in the prose; leave it out of the text or name it inside a ``` block"), Hint::None),
                None => (format!("spec id `{found}` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)"), Hint::AddDependency),
            };
            let start = range.start as usize + m.start();
            acc.push(Code::SpecIdInBody, TextRange::new(start, start + found.len()), message).hint = hint;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn ids_in_prose() {
        check(
            Code::SpecIdInBody,
            r#"
                //- /.chant/specs/2026-01-22-001-x7m.md
                ---
                ---
                # T
                See 2026-01-20-00a-abc and 2026-01-22-001-x7m.1.
                ```
                2026-01-20-00b-abc
                ```
            "#,
            expect![[r#"
                ---
                ---
                # T
                See 2026-01-20-00a-abc and 2026-01-22-001-x7m.1.
                    ^^^^^^^^^^^^^^^^^^ warning[spec-id-in-body]: spec id `2026-01-20-00a-abc` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)
                ```
                2026-01-20-00b-abc
                ```
            "#]],
        );
    }

    /// Listing the id in `depends_on` does not silence chant's rule: the message says so.
    #[test]
    fn an_id_already_listed_says_the_text_is_what_warns() {
        check(
            Code::SpecIdInBody,
            r#"
                //- /.chant/specs/2026-01-22-001-x7m.md
                ---
                depends_on: [2026-01-20-00a-abc]
                ---
                # T
                See 2026-01-20-00a-abc.
            "#,
            expect![[r#"
                ---
                depends_on: [2026-01-20-00a-abc]
                ---
                # T
                See 2026-01-20-00a-abc.
                    ^^^^^^^^^^^^^^^^^^ warning[spec-id-in-body]: spec id `2026-01-20-00a-abc` in the body: it is in `depends_on` already, but chant lint `coupling` warns about any spec id in the prose; leave it out of the text or name it inside a ``` block
            "#]],
        );
    }
}
