//! The compiler's bytecode against luac5.1's: every `listings/*.lua` must
//! compile to the listing recorded from `luac5.1 -l -l -p` in its
//! `.luac.txt` (re-record with `listings/record.sh`).

use std::path::Path;

use lua_core::compiler::{compile, listing};

#[test]
fn listings_match_luac() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/listings");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("listings directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "lua"))
        .collect();
    files.sort();
    assert!(files.len() >= 60, "only {} listings", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let source = std::fs::read(path).expect("read source");
        let expected = std::fs::read_to_string(path.with_extension("luac.txt"))
            .unwrap_or_else(|_| panic!("no recorded listing for {name}"));
        let chunk_name = format!("@{name}");
        match compile(&source, chunk_name.as_bytes()) {
            Ok(proto) => {
                let got = listing(&proto);
                if got != expected {
                    failures.push(format!(
                        "{name}:\n--- luac5.1\n{expected}\n--- redmoon\n{got}"
                    ));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} listings differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
