//! Conversions between command replies and Lua values, as Redis 7.0's
//! `redisProtocolToLuaType` and `luaReplyToRedisReply` do them.

use lua_core::value::TableRef;
use lua_core::{State, Value};

use crate::reply::Reply;

/// The Lua stack slots Redis's conversion of a script's result may hold
/// before the reply says `reached lua stack limit` (it runs out of Lua C
/// stack, LUAI_MAXCSTACK). An array element takes one slot more than its
/// table, a map key four and a map value or set member three (the map or set
/// table, the key, the value, the key's copy), so maps and sets nest about a
/// third as deep as arrays.
pub const MAX_REPLY_SLOTS: usize = 7995;

/// Sets `t[key] = v` for a string key (never fails: the key is a string).
pub fn set_field(s: &mut State, t: TableRef, key: &str, v: Value) {
    let k = s.str_value(key.as_bytes());
    let _ = s.heap.table_mut(t).set(k, v);
}

/// Reads `t[key]` raw, for a string key.
pub fn get_field(s: &mut State, t: TableRef, key: &str) -> Value {
    let k = s.str_value(key.as_bytes());
    s.heap.table(t).get(k)
}

/// `{name = v}`: the one-field tables replies become (`{ok=...}`, `{err=...}`).
pub fn single_field_table(s: &mut State, name: &str, v: Value) -> Value {
    let t = s.heap.new_table(0, 1);
    set_field(s, t, name, v);
    Value::Table(t)
}

/// The error table `redis.call` raises and `redis.pcall` returns: `{err="CODE msg"}`.
/// A message starting with `-` carries its own code; otherwise the code is `ERR`
/// (luaPushErrorBuff). Trailing CR/LF are trimmed.
pub fn error_table(s: &mut State, msg: &[u8]) -> Value {
    let text = error_text(msg);
    let v = s.str_value(&text);
    single_field_table(s, "err", v)
}

/// The `CODE msg` text of an error given as `-CODE msg` or as a bare message.
pub fn error_text(msg: &[u8]) -> Vec<u8> {
    let (code, body): (&[u8], &[u8]) = match msg.strip_prefix(b"-") {
        Some(rest) => match rest.iter().position(|&b| b == b' ') {
            Some(sp) => (&rest[..sp], &rest[sp + 1..]),
            None => (b"ERR", rest),
        },
        None => (b"ERR", msg),
    };
    let mut end = body.len();
    let mut start = 0;
    while start < end && matches!(body[start], b'\r' | b'\n') {
        start += 1;
    }
    while end > start && matches!(body[end - 1], b'\r' | b'\n') {
        end -= 1;
    }
    let mut out = code.to_vec();
    out.push(b' ');
    out.extend_from_slice(&body[start..end]);
    out
}

/// A command reply as the Lua value `redis.call` returns, for a script
/// speaking RESP `resp` (the host already shaped the reply for it).
pub fn reply_to_lua(s: &mut State, reply: &Reply, resp: u8) -> Value {
    match reply {
        Reply::Status(st) => {
            let v = s.str_value(st);
            single_field_table(s, "ok", v)
        }
        Reply::Error(e) => {
            let v = s.str_value(e);
            single_field_table(s, "err", v)
        }
        Reply::Integer(n) => Value::Number(*n as f64),
        Reply::Bulk(b) => s.str_value(b),
        Reply::Null | Reply::NullArray => {
            if resp >= 3 {
                Value::Nil
            } else {
                Value::Boolean(false)
            }
        }
        Reply::Array(items) | Reply::Push(items) => array_to_lua(s, items, resp),
        Reply::Set(items) => {
            if resp < 3 {
                return array_to_lua(s, items, resp);
            }
            let t = s.heap.new_table(0, items.len());
            for item in items {
                let k = reply_to_lua(s, item, resp);
                let _ = s.heap.table_mut(t).set(k, Value::Boolean(true));
            }
            single_field_table(s, "set", Value::Table(t))
        }
        Reply::Map(pairs) => {
            if resp < 3 {
                let t = s.heap.new_table(pairs.len() * 2, 0);
                for (i, (k, v)) in pairs.iter().enumerate() {
                    let k = reply_to_lua(s, k, resp);
                    let v = reply_to_lua(s, v, resp);
                    s.heap.table_mut(t).set_int(2 * i as i64 + 1, k);
                    s.heap.table_mut(t).set_int(2 * i as i64 + 2, v);
                }
                return Value::Table(t);
            }
            let t = s.heap.new_table(0, pairs.len());
            for (k, v) in pairs {
                let k = reply_to_lua(s, k, resp);
                let v = reply_to_lua(s, v, resp);
                let _ = s.heap.table_mut(t).set(k, v);
            }
            single_field_table(s, "map", Value::Table(t))
        }
        Reply::Double(d) => {
            if resp < 3 {
                return s.str_value(lua_core::number::fmt_g(*d, 17, false).as_bytes());
            }
            single_field_table(s, "double", Value::Number(*d))
        }
        Reply::DoubleText(text) => {
            if resp < 3 {
                return s.str_value(text);
            }
            let d = std::str::from_utf8(text)
                .ok()
                .and_then(|t| t.parse::<f64>().ok())
                .unwrap_or(0.0);
            single_field_table(s, "double", Value::Number(d))
        }
        Reply::BigNumber(n) => {
            let v = s.str_value(n);
            if resp < 3 {
                return v;
            }
            single_field_table(s, "big_number", v)
        }
        Reply::Boolean(b) => {
            if resp < 3 {
                return Value::Number(f64::from(u8::from(*b)));
            }
            Value::Boolean(*b)
        }
        Reply::Verbatim { format, text } => {
            let v = s.str_value(text);
            if resp < 3 {
                return v;
            }
            let t = s.heap.new_table(0, 2);
            let f = s.str_value(format);
            set_field(s, t, "format", f);
            set_field(s, t, "string", v);
            single_field_table(s, "verbatim_string", Value::Table(t))
        }
    }
}

fn array_to_lua(s: &mut State, items: &[Reply], resp: u8) -> Value {
    let t = s.heap.new_table(items.len(), 0);
    for (i, item) in items.iter().enumerate() {
        let v = reply_to_lua(s, item, resp);
        s.heap.table_mut(t).set_int(i as i64 + 1, v);
    }
    Value::Table(t)
}

/// C's `(long long)` cast of a double on x86-64: out-of-range values and NaN
/// give the "integer indefinite" value.
pub fn c_long_long(n: f64) -> i64 {
    if n.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&n) {
        i64::MIN
    } else {
        n as i64
    }
}

/// Replaces CR and LF by spaces, so a text cannot break the RESP framing.
pub fn map_newlines(b: &[u8]) -> Vec<u8> {
    b.iter()
        .map(|&c| if c == b'\r' || c == b'\n' { b' ' } else { c })
        .collect()
}

/// A script's result as a reply. `resp` is the script's RESP version (from
/// `redis.setresp`), which decides how booleans come out.
pub fn lua_to_reply(s: &mut State, v: Value, resp: u8) -> Reply {
    lua_to_reply_at(s, v, resp, 0)
}

/// `slots`: the Lua stack slots Redis would hold above the result here.
fn lua_to_reply_at(s: &mut State, v: Value, resp: u8, slots: usize) -> Reply {
    if slots >= MAX_REPLY_SLOTS {
        return Reply::error("ERR reached lua stack limit");
    }
    match v {
        Value::String(st) => Reply::Bulk(s.heap.str(st).to_vec()),
        Value::Boolean(b) => {
            if resp >= 3 {
                Reply::Boolean(b)
            } else if b {
                Reply::Integer(1)
            } else {
                Reply::Null
            }
        }
        Value::Number(n) => Reply::Integer(c_long_long(n)),
        Value::Table(t) => table_to_reply(s, t, resp, slots),
        _ => Reply::Null,
    }
}

fn table_to_reply(s: &mut State, t: TableRef, resp: u8, slots: usize) -> Reply {
    if let Value::String(e) = get_field(s, t, "err") {
        return Reply::Error(map_newlines(s.heap.str(e)));
    }
    if let Value::String(ok) = get_field(s, t, "ok") {
        return Reply::Status(map_newlines(s.heap.str(ok)).into());
    }
    if let Value::Number(d) = get_field(s, t, "double") {
        return Reply::Double(d);
    }
    if let Value::String(n) = get_field(s, t, "big_number") {
        return Reply::BigNumber(map_newlines(s.heap.str(n)));
    }
    if let Value::Table(vt) = get_field(s, t, "verbatim_string") {
        let format = get_field(s, vt, "format");
        let text = get_field(s, vt, "string");
        if let (Value::String(f), Value::String(text)) = (format, text) {
            let f = s.heap.str(f);
            let mut format = [b' '; 3];
            for (dst, src) in format.iter_mut().zip(f.iter()) {
                *dst = *src;
            }
            return Reply::Verbatim {
                format,
                text: s.heap.str(text).to_vec(),
            };
        }
    }
    if let Value::Table(mt) = get_field(s, t, "map") {
        let mut pairs = Vec::new();
        for (k, v) in table_pairs(s, mt) {
            let k = lua_to_reply_at(s, k, resp, slots + 4);
            let v = lua_to_reply_at(s, v, resp, slots + 3);
            pairs.push((k, v));
        }
        return Reply::Map(pairs);
    }
    if let Value::Table(st) = get_field(s, t, "set") {
        let mut items = Vec::new();
        for (k, _) in table_pairs(s, st) {
            items.push(lua_to_reply_at(s, k, resp, slots + 3));
        }
        return Reply::Set(items);
    }
    let mut items = Vec::new();
    let mut i = 1;
    loop {
        let v = s.heap.table(t).get_int(i);
        if matches!(v, Value::Nil) {
            break;
        }
        items.push(lua_to_reply_at(s, v, resp, slots + 1));
        i += 1;
    }
    Reply::Array(items)
}

/// Every key-value pair of `t` in `next` order.
fn table_pairs(s: &State, t: TableRef) -> Vec<(Value, Value)> {
    let mut out = Vec::new();
    let mut key = Value::Nil;
    while let Ok(Some((k, v))) = s.heap.table(t).next(key) {
        out.push((k, v));
        key = k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_text_takes_the_code_from_a_leading_dash() {
        assert_eq!(error_text(b"-WRONGTYPE bad\r\n"), b"WRONGTYPE bad");
        assert_eq!(error_text(b"boom"), b"ERR boom");
        assert_eq!(error_text(b"-"), b"ERR ");
        assert_eq!(error_text(b"-NOCODE"), b"ERR NOCODE");
    }

    #[test]
    fn numbers_convert_by_c_cast() {
        assert_eq!(c_long_long(3.99), 3);
        assert_eq!(c_long_long(-3.99), -3);
        assert_eq!(c_long_long(f64::NAN), i64::MIN);
        assert_eq!(c_long_long(f64::INFINITY), i64::MIN);
        assert_eq!(c_long_long(9.3e18), i64::MIN);
    }

    #[test]
    fn replies_round_trip_through_lua_values() {
        let mut s = State::new();
        let reply = Reply::Array(vec![Reply::Integer(7), Reply::bulk("x"), Reply::ok()]);
        let v = reply_to_lua(&mut s, &reply, 2);
        assert_eq!(lua_to_reply(&mut s, v, 2), reply);
        let null = reply_to_lua(&mut s, &Reply::Null, 2);
        assert!(matches!(null, Value::Boolean(false)));
        assert_eq!(
            lua_to_reply(&mut s, Value::Boolean(true), 2),
            Reply::Integer(1)
        );
        assert_eq!(
            lua_to_reply(&mut s, Value::Boolean(false), 3),
            Reply::Boolean(false)
        );
    }
}
