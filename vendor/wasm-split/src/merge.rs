//! Tether's addition: fewer, larger shared modules.
//!
//! Upstream gives every set of split modules that shares code a chunk of its own. With a page per
//! split module and dialogs split from their page, an app page loaded 50 to 80 files, and every
//! call between them went through the function table: about a tenth of a page's bytes. Two rules
//! gather them, both keeping this invariant: whenever a symbol's module is loaded, so are the
//! modules of everything it uses (a symbol needed by the set S uses only symbols needed by
//! supersets of S).
//!
//! - `loaded_after` (`child`, `parent`): the child is only ever loaded after the parent (a page's
//!   dialogs after the page), so code both need is loaded with the parent: the child drops out of
//!   any set that holds its parent. The child's loader also loads the parent first, so a caller
//!   that breaks the order gets a slower load, not a missing function.
//! - `main_if_shared_by` N: code needed by at least N entry modules (those loaded after no
//!   other: the pages) goes into the main module instead of a chunk every page fetches.

use crate::split_point::SplitModuleIdentifier;
use eyre::{bail, Result};
use std::collections::BTreeSet;

/// How shared code is gathered (the default changes nothing).
#[derive(Debug, Clone, Default)]
pub struct MergeRules {
    /// `(child, parent)`: `child` is only ever loaded after `parent`.
    pub loaded_after: Vec<(String, String)>,
    /// Code needed by at least this many entry modules goes into the main module.
    pub main_if_shared_by: Option<usize>,
}

/// The rules, checked against the program's split modules.
pub(crate) struct CheckedRules<'r> {
    rules: &'r MergeRules,
    entries: BTreeSet<String>,
}

impl MergeRules {
    /// Refuses a rule naming a split module the program does not have, or a parent that is
    /// itself loaded after another (one level keeps the entries simple).
    pub(crate) fn checked(&self, splits: &[&str]) -> Result<CheckedRules<'_>> {
        for (child, parent) in &self.loaded_after {
            for name in [child, parent] {
                if !splits.contains(&name.as_str()) {
                    bail!("--loaded-after names {name:?}, which is no split module of this program (it has {splits:?})");
                }
            }
            if self.loaded_after.iter().any(|(c, _)| c == parent) {
                bail!("--loaded-after: {parent:?} is a parent and is loaded after another");
            }
        }
        let entries = splits
            .iter()
            .filter(|s| !self.loaded_after.iter().any(|(c, _)| c == *s))
            .map(|s| s.to_string())
            .collect();
        Ok(CheckedRules {
            rules: self,
            entries,
        })
    }
}

impl CheckedRules<'_> {
    /// The `(child, parent)` pairs.
    pub(crate) fn loaded_after(&self) -> &[(String, String)] {
        &self.rules.loaded_after
    }

    /// The module a symbol needed by `color` goes into.
    pub(crate) fn place(&self, color: &SplitModuleIdentifier) -> SplitModuleIdentifier {
        let needed_by: BTreeSet<String> = match color {
            SplitModuleIdentifier::Main => return SplitModuleIdentifier::Main,
            SplitModuleIdentifier::Split(split) => [split.clone()].into(),
            SplitModuleIdentifier::Chunk(splits) => splits.clone(),
        };
        let loaded_with_parent = |split: &String| {
            self.rules
                .loaded_after
                .iter()
                .any(|(child, parent)| child == split && needed_by.contains(parent))
        };
        let needed_by: BTreeSet<String> = needed_by
            .iter()
            .filter(|s| !loaded_with_parent(s))
            .cloned()
            .collect();
        let pages = needed_by.intersection(&self.entries).count();
        if self.rules.main_if_shared_by.is_some_and(|n| pages >= n) {
            return SplitModuleIdentifier::Main;
        }
        let mut splits = needed_by.into_iter();
        match (splits.next(), splits.next()) {
            (Some(only), None) => SplitModuleIdentifier::Split(only),
            (Some(first), Some(second)) => {
                SplitModuleIdentifier::Chunk([first, second].into_iter().chain(splits).collect())
            }
            // A color always names at least one split module, and a child is dropped only
            // beside its parent.
            (None, _) => SplitModuleIdentifier::Main,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(names: &[&str]) -> SplitModuleIdentifier {
        SplitModuleIdentifier::Chunk(names.iter().map(|n| n.to_string()).collect())
    }

    fn rules(main_if_shared_by: Option<usize>) -> MergeRules {
        MergeRules {
            loaded_after: vec![("dialog".into(), "list".into())],
            main_if_shared_by,
        }
    }

    const SPLITS: [&str; 4] = ["list", "dialog", "detail", "audit"];

    #[test]
    fn code_a_child_shares_with_its_parent_is_loaded_with_the_parent() {
        let rules = rules(None);
        let checked = rules.checked(&SPLITS).unwrap();
        assert_eq!(
            checked.place(&chunk(&["dialog", "list"])),
            SplitModuleIdentifier::Split("list".into())
        );
        assert_eq!(
            checked.place(&chunk(&["detail", "dialog", "list"])),
            chunk(&["detail", "list"])
        );
        // Without its parent the child still needs its own copy.
        assert_eq!(
            checked.place(&chunk(&["detail", "dialog"])),
            chunk(&["detail", "dialog"])
        );
        assert_eq!(
            checked.place(&SplitModuleIdentifier::Split("dialog".into())),
            SplitModuleIdentifier::Split("dialog".into())
        );
    }

    #[test]
    fn code_enough_pages_share_goes_into_main() {
        let rules = rules(Some(2));
        let checked = rules.checked(&SPLITS).unwrap();
        assert_eq!(
            checked.place(&chunk(&["audit", "detail"])),
            SplitModuleIdentifier::Main
        );
        // The child is no page: list and dialog are one page.
        assert_eq!(
            checked.place(&chunk(&["dialog", "list"])),
            SplitModuleIdentifier::Split("list".into())
        );
        assert_eq!(
            checked.place(&chunk(&["detail", "dialog"])),
            chunk(&["detail", "dialog"])
        );
    }

    #[test]
    fn the_default_changes_nothing() {
        let rules = MergeRules::default();
        let checked = rules.checked(&SPLITS).unwrap();
        for color in [
            chunk(&["dialog", "list"]),
            chunk(&["audit", "detail", "list"]),
        ] {
            assert_eq!(checked.place(&color), color);
        }
    }

    #[test]
    fn rules_naming_unknown_modules_or_chains_are_refused() {
        let typo = MergeRules {
            loaded_after: vec![("dialgo".into(), "list".into())],
            main_if_shared_by: None,
        };
        assert!(typo.checked(&SPLITS).is_err());
        let chain = MergeRules {
            loaded_after: vec![
                ("dialog".into(), "list".into()),
                ("list".into(), "audit".into()),
            ],
            main_if_shared_by: None,
        };
        assert!(chain.checked(&SPLITS).is_err());
    }
}
