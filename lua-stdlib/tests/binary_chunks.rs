//! Binary chunks: `string.dump` round trips, lua5.1's load errors, sandboxes
//! that refuse them, and corrupted chunks that must be refused or run
//! without a panic.

use lua_core::{Lua, Value};

fn full() -> Lua {
    let mut lua = Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua
}

/// Runs `src` (returning one value) and gives that value as text.
fn eval(lua: &mut Lua, src: &str) -> String {
    let f = lua.load(src.as_bytes(), b"=t").expect("compiles");
    let r = lua.call(f, &[]).expect("runs");
    let v = r.first().copied().unwrap_or(Value::Nil);
    String::from_utf8_lossy(&lua.state.raw_tostring(v)).into_owned()
}

#[test]
fn dumped_functions_run_the_same() {
    let mut lua = full();
    let src = "
        local function f(a, ...)
          local t = {a, ...}
          local s = 0
          for i, v in ipairs(t) do s = s + v * i end
          local g = function(x) return x .. '!' end
          return g(s) .. select('#', ...) .. ('%5.1f'):format(1.25)
        end
        return loadstring(string.dump(f))(1, 2, 3) == f(1, 2, 3) and f(1, 2, 3)";
    assert_eq!(eval(&mut lua, src), "14!2  1.2");
}

#[test]
fn load_errors_are_lua51s() {
    let mut lua = full();
    let cases = [
        (
            "return select(2, loadstring(string.dump(function() end):sub(1, 10)))",
            "binary string: unexpected end in precompiled chunk",
        ),
        (
            "return select(2, loadstring('\\27Lua\\81\\0\\1\\4\\8\\4\\8\\1rest'))",
            "binary string: bad header in precompiled chunk",
        ),
        (
            "return select(2, loadstring(string.dump(function() end):sub(1, -2), '=x'))",
            "x: unexpected end in precompiled chunk",
        ),
        (
            "return select(2, pcall(string.dump, print))",
            "unable to dump given function",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(eval(&mut lua, src), want, "{src}");
    }
}

#[test]
fn sandboxes_parse_binary_chunks_as_text() {
    let mut lua = Lua::new();
    lua_stdlib::open_sandbox_libs(&mut lua.state);
    assert_eq!(
        eval(
            &mut lua,
            "return select(2, loadstring(string.dump(function() end)))"
        ),
        "[string \"\u{1b}Lua\u{51}\"]:1: unexpected symbol near 'char(27)'"
    );
}

/// A deterministic byte source for the mutations.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        self.0 >> 33
    }
}

/// Every conformance program, dumped and then damaged thousands of ways:
/// each version either fails to load with an error or runs (in a sandbox,
/// under a budget and a memory limit) to an ordinary result. It runs on a
/// thread with a main thread's stack: 200 nested metamethod calls (where
/// lua5.1 says "C stack overflow") need more than a test thread's 2 MiB in
/// a debug build.
#[test]
fn corrupted_chunks_never_panic() {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(corrupt_and_run)
        .expect("spawn")
        .join()
        .expect("no panic");
}

fn corrupt_and_run() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/lua");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("conformance/lua")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "lua"))
        .collect();
    names.sort();
    let mut rng = Lcg(42);
    let (mut loaded, mut refused) = (0, 0);
    for path in names.iter().step_by(3) {
        let src = std::fs::read(path).expect("read");
        let Ok(proto) = lua_core::compiler::compile(&src, b"=p") else {
            continue;
        };
        let good = lua_stdlib::chunk::dump(&proto);
        for _ in 0..40 {
            let mut bad = good.clone();
            for _ in 0..=(rng.next() % 4) {
                let at = 12 + (rng.next() as usize) % (bad.len() - 12);
                bad[at] = match rng.next() % 3 {
                    0 => rng.next() as u8,
                    1 => bad[at] ^ (1 << (rng.next() % 8)),
                    _ => bad[at].wrapping_add(1),
                };
            }
            if rng.next().is_multiple_of(8) {
                let keep = 12 + (rng.next() as usize) % (bad.len() - 12);
                bad.truncate(keep);
            }
            let mut lua = Lua::new();
            lua_stdlib::open_sandbox_libs(&mut lua.state);
            lua.set_instruction_budget(Some(200_000));
            lua.state.memory_limit = Some(64 << 20);
            match lua_stdlib::chunk::undump(&bad, b"=bad") {
                Err(_) => refused += 1,
                Ok(proto) => {
                    loaded += 1;
                    let f = lua.state.load_proto(proto);
                    let _ = lua.call(f, &[]);
                }
            }
        }
    }
    assert!(
        loaded > 100 && refused > 100,
        "loaded {loaded}, refused {refused}"
    );
}
