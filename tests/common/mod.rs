//! Helpers shared by the conformance harnesses.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The cases a harness expects to fail today, one `file :: case` line each, in
/// `conformance/known-failures/<suite>.txt`.
///
/// The list is a ratchet, not a skip list: every listed case still runs and is
/// reported as failing; a case that fails without being listed fails the test,
/// and so does a listed case that now passes (so the list only shrinks).
/// `UPDATE_KNOWN_FAILURES=1 cargo test ...` rewrites the list from the run.
pub struct KnownFailures {
    path: PathBuf,
    listed: BTreeSet<String>,
}

/// What a harness saw, compared with the list.
pub struct Verdict {
    pub unexpected_failures: Vec<String>,
    pub unexpected_passes: Vec<String>,
    pub known_failing: usize,
}

impl KnownFailures {
    pub fn load(root: &Path, suite: &str) -> KnownFailures {
        let path = root.join("known-failures").join(format!("{suite}.txt"));
        let listed = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        KnownFailures { path, listed }
    }

    /// Compares the run's outcome (`passed` and `failed` case ids) with the list,
    /// or rewrites the list when `UPDATE_KNOWN_FAILURES` is set.
    pub fn judge(&self, passed: &[String], failed: &[String]) -> Verdict {
        if std::env::var_os("UPDATE_KNOWN_FAILURES").is_some() {
            let mut text = String::from(
                "# Cases that fail today; see tests/common/mod.rs. Regenerate with\n\
                 # UPDATE_KNOWN_FAILURES=1 cargo test --test <harness>\n",
            );
            let mut sorted: Vec<&String> = failed.iter().collect();
            sorted.sort();
            for id in sorted {
                text.push_str(id);
                text.push('\n');
            }
            if let Some(dir) = self.path.parent() {
                std::fs::create_dir_all(dir).expect("create known-failures dir");
            }
            std::fs::write(&self.path, text).expect("write known-failures list");
            return Verdict {
                unexpected_failures: Vec::new(),
                unexpected_passes: Vec::new(),
                known_failing: failed.len(),
            };
        }
        let unexpected_failures: Vec<String> = failed
            .iter()
            .filter(|id| !self.listed.contains(*id))
            .cloned()
            .collect();
        let unexpected_passes: Vec<String> = passed
            .iter()
            .filter(|id| self.listed.contains(*id))
            .cloned()
            .collect();
        Verdict {
            known_failing: failed.len() - unexpected_failures.len(),
            unexpected_failures,
            unexpected_passes,
        }
    }
}

impl Verdict {
    /// Prints the summary and panics if the run differs from the list.
    pub fn check(&self, suite: &str, passed: usize, failed: usize) {
        println!(
            "{suite} conformance: {passed} passed, {failed} failed \
             ({} known, listed in conformance/known-failures/{suite}.txt)",
            self.known_failing
        );
        for id in &self.unexpected_passes {
            println!("NOW PASSES (remove it from the list): {id}");
        }
        for id in &self.unexpected_failures {
            println!("NEW FAILURE: {id}");
        }
        assert!(
            self.unexpected_failures.is_empty() && self.unexpected_passes.is_empty(),
            "{} new failures, {} listed cases now pass",
            self.unexpected_failures.len(),
            self.unexpected_passes.len()
        );
    }
}
