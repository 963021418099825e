//! Debug hooks through the embedding API (what `debug.sethook` does for
//! scripts), alongside the instruction budget and the interrupt flag.

use lua_core::coroutine::MAIN_THREAD;
use lua_core::hook::{mask_from_letters, mask_letters, MASK_CALL, MASK_COUNT, MASK_LINE};
use lua_core::{Error, Lua, Value};

/// A state whose global `log` is a Lua function appending "event:line"
/// to the global string `events`.
fn with_logger() -> (Lua, Value) {
    let mut lua = Lua::new();
    lua.exec(b"events = '' function log(ev, line) events = events .. ev .. ':' .. (line or 'nil') .. ' ' end")
        .expect("logger loads");
    let log = lua.get_global("log");
    (lua, log)
}

fn events(lua: &mut Lua) -> String {
    let v = lua.get_global("events");
    String::from_utf8(lua.to_bytes(v).unwrap_or_default()).unwrap_or_default()
}

#[test]
fn line_events_report_each_new_line() {
    let (mut lua, log) = with_logger();
    let f = lua
        .load(
            b"local a = 1\nlocal b = 2\nfor i = 1, 2 do\na = a + i\nend\n",
            b"=chunk",
        )
        .expect("compiles");
    lua.state.set_debug_hook(MAIN_THREAD, log, MASK_LINE, 0);
    lua.call(f, &[]).expect("runs");
    lua.state.set_debug_hook(MAIN_THREAD, Value::Nil, 0, 0);
    assert_eq!(
        events(&mut lua),
        "line:1 line:2 line:3 line:4 line:3 line:4 line:3 line:5 "
    );
}

#[test]
fn call_and_count_events_and_the_reported_hook() {
    let (mut lua, log) = with_logger();
    let f = lua
        .load(b"local function g() return 1 end g() g()", b"=chunk")
        .expect("compiles");
    lua.state
        .set_debug_hook(MAIN_THREAD, log, MASK_CALL | MASK_COUNT, 1000);
    let hook = lua.state.thread_debug_hook(MAIN_THREAD);
    assert!(hook.func.raw_eq(log));
    assert_eq!((hook.mask, hook.base_count), (MASK_CALL | MASK_COUNT, 1000));
    lua.call(f, &[]).expect("runs");
    lua.state.set_debug_hook(MAIN_THREAD, Value::Nil, 0, 0);
    assert_eq!(events(&mut lua), "call:nil call:nil call:nil ");
}

#[test]
fn hooked_code_still_obeys_the_budget_and_the_interrupt() {
    let (mut lua, log) = with_logger();
    lua.state
        .set_debug_hook(MAIN_THREAD, log, MASK_COUNT, 1_000_000);
    lua.set_instruction_budget(Some(100_000));
    assert_eq!(lua.exec(b"while true do end"), Err(Error::BudgetExhausted));
    lua.set_instruction_budget(None);
    lua.interrupt_handle().interrupt();
    assert_eq!(lua.exec(b"while true do end"), Err(Error::Interrupted));
}

#[test]
fn masks_read_and_show_letters_as_ldblib_does() {
    assert_eq!(mask_from_letters(b"lrc", 0), MASK_CALL | 2 | MASK_LINE);
    assert_eq!(mask_from_letters(b"c\0l", 5), MASK_CALL | MASK_COUNT);
    assert_eq!(mask_from_letters(b"xyz", -1), 0);
    assert_eq!(mask_letters(mask_from_letters(b"lrc", 3)), "crl");
    assert_eq!(mask_letters(MASK_COUNT), "");
}
