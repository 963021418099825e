//! Scripts written to break an interpreter, run through the library under
//! the limits an embedder sets (instruction budget, memory limit). Each must
//! end in a value or a clean error, quickly, and leave the state usable.
//! The server-level corpus (RESP input, scripts through EVAL) builds on this.

use lua_core::{Error, Lua};

/// A state with the standard libraries, a budget and a memory limit.
fn guarded() -> Lua {
    let mut lua = Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua.set_output(Box::new(std::io::sink()));
    lua.set_instruction_budget(Some(2_000_000));
    lua.set_memory_limit(Some(64 << 20));
    lua
}

/// Runs `src` on a big stack (natives recursing through Lua use the Rust
/// stack, up to lua5.1's 200 levels) and returns the outcome.
fn run(src: &'static str) -> Result<Vec<String>, Error> {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut lua = guarded();
            let started = std::time::Instant::now();
            let out = lua.eval(src.as_bytes()).map(|vs| {
                vs.into_iter()
                    .map(|v| String::from_utf8_lossy(&lua.state.raw_tostring(v)).into_owned())
                    .collect()
            });
            assert!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "took {:?}",
                started.elapsed()
            );
            // Whatever happened, the state still runs code.
            assert_eq!(
                lua.eval(b"local t = {} for i = 1, 10 do t[i] = i end return #t")
                    .map(|v| lua.to_bytes(v[0])),
                Ok(Some(b"10".to_vec()))
            );
            out
        })
        .expect("spawn")
        .join()
        .expect("no panic")
}

fn error_text(r: Result<Vec<String>, Error>) -> String {
    match r {
        Err(e) => e.to_string(),
        Ok(v) => panic!("expected an error, got {v:?}"),
    }
}

#[test]
fn deep_lua_recursion_is_a_stack_overflow_error() {
    let e = error_text(run(
        "local function r(n) return r(n + 1) + 1 end return r(1)",
    ));
    assert!(e.ends_with("stack overflow"), "{e}");
}

#[test]
fn recursion_through_metamethods_and_natives_is_capped() {
    for src in [
        "local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x",
        "local mt = {__eq = function(a, b) return a == b end}
         return setmetatable({}, mt) == setmetatable({}, mt)",
        "local s = setmetatable({}, {__tostring = function(s) return tostring(s) end})
         return tostring(s)",
    ] {
        let e = error_text(run(src));
        assert!(e.contains("C stack overflow"), "{src}: {e}");
    }
    // Through gsub callbacks and pcall: the innermost pcall catches it.
    let v =
        run("local function f() return select(2, pcall(string.gsub, 'a', 'a', f)) end return f()")
            .unwrap();
    assert!(v[0].ends_with("C stack overflow"), "{v:?}");
    // pcall recursion ends with the innermost pcall catching the overflow.
    let v = run("local function p(n) return pcall(p, n + 1) end return p(1)").unwrap();
    assert_eq!(v[0], "true");
}

#[test]
fn huge_results_are_refused_cleanly() {
    let e = error_text(run("return string.rep(string.rep('x', 2^20), 2^20)"));
    assert!(e.ends_with("not enough memory"), "{e}");
    let e = error_text(run("return unpack({}, 1, 1e8)"));
    assert!(e.ends_with("too many results to unpack"), "{e}");
    let e = error_text(run("return table.concat({}, 'x', 1, 1e8)"));
    assert!(
        e.ends_with("invalid value (nil) at index 1 in table for 'concat'"),
        "{e}"
    );
    let e = error_text(run(
        "local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(1000) .. i end",
    ));
    assert!(e.ends_with("not enough memory"), "{e}");
}

#[test]
fn exponential_patterns_and_endless_loops_run_out_of_budget() {
    for src in [
        "return string.find(string.rep('a', 5000), '.-.-.-.-.-b')",
        "while true do end",
        "local co = coroutine.wrap(function() while true do end end) co()",
        "while true do local co = coroutine.wrap(function() coroutine.yield() end) co() end",
        "local t = {} for i = 1, 1e6 do t[i] = i end table.sort(t, function(a, b) while true do end end)",
        "return ('x'):rep(100000):gsub('x', function() while true do end end)",
    ] {
        assert_eq!(run(src), Err(Error::BudgetExhausted), "{src}");
    }
}

#[test]
fn error_objects_that_fight_back_are_contained() {
    let bad = "local bad = setmetatable({}, {__tostring = function() error('no') end})";
    let v = run(Box::leak(
        format!("{bad} return select('#', pcall(error, bad))").into_boxed_str(),
    ))
    .unwrap();
    assert_eq!(v, vec!["2"]);
    let e = error_text(run(Box::leak(format!("{bad} error(bad)").into_boxed_str())));
    assert_eq!(e, "(error object is a table value)");
}

#[test]
fn binary_chunks_are_refused_or_checked() {
    let v = run("return loadstring('\\27Lua\\81\\0\\1\\4\\8\\4\\8\\0 garbage')").unwrap();
    assert_eq!(v[0], "nil");
}

#[test]
fn a_collector_paced_to_run_constantly_does_not_collect_at_every_allocation() {
    // With a pause under 100 the threshold fell below the heap and every allocation ran
    // a full collection: 100k allocations took minutes (found by fuzzing).
    let src = "collectgarbage('setpause', 10) collectgarbage('setstepmul', 1000) \
               local t = {} for i = 1, 100000 do t[i] = {i} end return #t";
    assert_eq!(run(src), Ok(vec!["100000".to_string()]));
}
