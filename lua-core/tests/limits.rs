//! The limits an embedder sets: memory, instruction budget, interruption.
//! Each ends the script with a clean error, and the state stays usable.

use lua_core::{Error, Lua};

fn runtime_error(lua: &mut Lua, src: &str) -> String {
    match lua.exec(src.as_bytes()) {
        Err(Error::Runtime(m)) => String::from_utf8_lossy(&m).into_owned(),
        other => panic!("expected a runtime error, got {other:?}"),
    }
}

fn limited(bytes: usize) -> Lua {
    let mut lua = Lua::new();
    lua.set_memory_limit(Some(bytes));
    lua
}

#[test]
fn a_growing_table_stops_at_the_memory_limit() {
    let mut lua = limited(8 << 20);
    let e = runtime_error(&mut lua, "local t = {} for i = 1, 1e9 do t[i] = i end");
    assert_eq!(e, "not enough memory");
    // The state recovers: the table was garbage, and small work goes on.
    lua.collect_garbage().unwrap();
    assert!(lua.memory_used() < 1 << 20, "used {}", lua.memory_used());
    lua.exec(b"x = {1, 2, 3}").unwrap();
}

#[test]
fn doubling_a_string_stops_at_the_memory_limit() {
    let mut lua = limited(8 << 20);
    let e = runtime_error(&mut lua, "local s = 'x' while true do s = s .. s end");
    assert!(e.ends_with("not enough memory"), "{e}");
}

#[test]
fn a_hash_of_tables_stops_at_the_memory_limit() {
    let mut lua = limited(8 << 20);
    let e = runtime_error(
        &mut lua,
        "local t = {} local i = 0 while true do i = i + 1 t['k' .. i] = {i} end",
    );
    assert!(e.ends_with("not enough memory"), "{e}");
}

#[test]
fn garbage_is_collected_so_a_churning_script_stays_under_the_limit() {
    let mut lua = limited(4 << 20);
    lua.exec(
        b"for i = 1, 200000 do local t = {i, i .. '', {}} local s = 'x' .. i end
          local a, b = {}, {} a.b, b.a = b, a",
    )
    .unwrap();
    assert!(lua.memory_used() < 4 << 20);
}

#[test]
fn the_budget_ends_an_endless_loop_and_the_state_goes_on() {
    let mut lua = Lua::new();
    lua.set_instruction_budget(Some(100_000));
    assert_eq!(lua.exec(b"while true do end"), Err(Error::BudgetExhausted));
    lua.set_instruction_budget(None);
    lua.exec(b"y = 1 + 1").unwrap();
}

#[test]
fn the_budget_ends_loops_that_jump_back_from_a_test() {
    let mut lua = Lua::new();
    for src in [
        "local y = 0 repeat y = y + 0 until y > 2",
        "local y = 0 repeat y = y + 0 until y == 1",
        "local y repeat y = nil until y",
        "local y, z repeat z = y until z or y",
    ] {
        lua.set_instruction_budget(Some(100_000));
        assert_eq!(
            lua.exec(src.as_bytes()),
            Err(Error::BudgetExhausted),
            "{src}"
        );
    }
}

#[test]
fn an_interrupt_from_another_thread_stops_the_script() {
    let mut lua = Lua::new();
    let handle = lua.interrupt_handle();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        handle.interrupt();
    });
    assert_eq!(
        lua.exec(b"local n = 0 while true do n = n + 1 end"),
        Err(Error::Interrupted)
    );
    stopper.join().unwrap();
    lua.exec(b"z = 3").unwrap();
}

#[test]
fn a_hook_sees_the_clock_and_can_stop_the_script() {
    let mut lua = Lua::new();
    let started = std::time::Instant::now();
    let calls = std::rc::Rc::new(std::cell::Cell::new(0u32));
    let seen = calls.clone();
    lua.set_hook(Some(Box::new(move || {
        seen.set(seen.get() + 1);
        started.elapsed() < std::time::Duration::from_millis(30)
    })));
    assert_eq!(lua.exec(b"while true do end"), Err(Error::Interrupted));
    assert!(calls.get() > 1);
    lua.set_hook(None);
    lua.exec(b"w = 4").unwrap();
}
