//! Syntax errors against lua5.1's: every `syntax_errors/*.lua` must fail
//! to compile with the message lua5.1's `loadstring` gives, recorded in its
//! `.err` (re-record with `syntax_errors/record.sh`).

use std::path::Path;

use lua_core::compiler::compile;

#[test]
fn messages_match_lua51() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/syntax_errors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("syntax_errors directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "lua"))
        .collect();
    files.sort();
    assert!(files.len() >= 100, "only {} cases", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let source = std::fs::read(path).expect("read source");
        let expected = std::fs::read(path.with_extension("err"))
            .unwrap_or_else(|_| panic!("no recorded message for {name}"));
        match compile(&source, &source) {
            Ok(_) => failures.push(format!("{name}: compiles")),
            Err(e) if e.message != expected => failures.push(format!(
                "{name}:\n  lua5.1:  {}\n  redmoon: {}",
                String::from_utf8_lossy(&expected),
                e
            )),
            Err(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} messages differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn long_chunk_names_are_cut_as_lua51_cuts_them() {
    // lua5.1: loadstring("x = = 1", NAME) for a 100-character NAME.
    let err = |name: &[u8]| compile(b"x = = 1", name).expect_err("error").to_string();
    let near = ":1: unexpected symbol near '='";
    let named = [b"=".as_slice(), &[b'n'; 100]].concat();
    assert_eq!(err(&named), format!("{}{near}", "n".repeat(79)));
    let file = [b"@".as_slice(), &[b'f'; 100]].concat();
    assert_eq!(err(&file), format!("...{}{near}", "f".repeat(72)));
    let text = [b's'; 100];
    assert_eq!(
        err(&text),
        format!("[string \"{}...\"]{near}", "s".repeat(63))
    );
}
