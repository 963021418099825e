//! Runs every conformance/lua program twice through the library, once as
//! usual and once with the collector running every few kilobytes, and
//! checks that both print the same: a value that some part of the VM or a
//! library forgot to keep reachable shows up as a difference (or a panic).

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;

/// `print` destination shared with the test.
struct Capture(Rc<RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn run(dir: &Path, name: &str, min_threshold: Option<usize>) -> Vec<u8> {
    let src = std::fs::read(dir.join(name)).expect("read program");
    let out = Rc::new(RefCell::new(Vec::new()));
    let mut lua = lua_core::Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua.set_output(Box::new(Capture(out.clone())));
    lua.set_instruction_budget(Some(50_000_000));
    if let Some(t) = min_threshold {
        lua.state.gc.min_threshold = t;
        lua.state.gc.threshold = t;
    }
    let chunk = format!("@{name}");
    let result = lua
        .load(&src, chunk.as_bytes())
        .and_then(|f| lua.call(f, &[]));
    let mut text = out.borrow().clone();
    if let Err(e) = result {
        text.extend_from_slice(format!("error: {e}\n").as_bytes());
    }
    text
}

#[test]
fn programs_behave_the_same_under_a_busy_collector() {
    // Natives calling back into Lua recurse on the Rust stack (200 levels at
    // most, as lua5.1's C stack), which needs more than a test thread's 2 MB
    // in a debug build.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(compare_all)
        .expect("spawn")
        .join()
        .expect("no panic");
}

fn compare_all() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance/lua");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("conformance/lua")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // gc_ programs print what the collector freed, which depends on
        // when it runs; they are checked against lua5.1 elsewhere.
        .filter(|n| n.ends_with(".lua") && !n.starts_with("gc_"))
        .collect();
    names.sort();
    // Programs open files by relative paths, as when recorded.
    std::env::set_current_dir(&dir).expect("cd conformance/lua");
    let mut differ = Vec::new();
    for name in &names {
        let normal = run(&dir, name, None);
        let stressed = run(&dir, name, Some(4096));
        if normal != stressed {
            differ.push(name.clone());
        }
    }
    assert!(
        differ.is_empty(),
        "differ under a busy collector: {differ:?}"
    );
}
