//! lua-cjson 2.1.0 as bundled by Redis: `cjson.encode`, `cjson.decode`, `cjson.null`, the
//! configuration functions and `cjson.new()`. Every instance (the global table and each
//! table `new` returns) has its own [`Config`], shared by its functions.

mod decode;
mod encode;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use lua_core::value::TableRef;
use lua_core::{LuaError, State, Value};

pub use encode::{write_number, write_string};

use crate::libtable::set_field;

/// What `encode` does with NaN and ±Inf (`encode_invalid_numbers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidNumbers {
    /// Refuse them: `Cannot serialise number: must not be NaN or Inf` (the default).
    Off,
    /// Write them as `nan`, `inf`, `-inf`.
    On,
    /// Write them as `null`.
    Null,
}

/// An instance's settings, with lua-cjson's defaults.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Encode excessively sparse arrays as objects instead of failing.
    pub encode_sparse_convert: bool,
    /// An array is excessively sparse when its largest index exceeds `ratio` times its item
    /// count (0 disables the check) ...
    pub encode_sparse_ratio: i32,
    /// ... and exceeds this.
    pub encode_sparse_safe: i32,
    /// Deepest table nesting `encode` accepts.
    pub encode_max_depth: i32,
    /// Deepest array/object nesting `decode` accepts.
    pub decode_max_depth: i32,
    /// Significant digits of encoded numbers (1..=14).
    pub encode_number_precision: i32,
    /// Keep `encode`'s output buffer for the next call rather than free it.
    pub encode_keep_buffer: bool,
    /// NaN and ±Inf when encoding.
    pub encode_invalid_numbers: InvalidNumbers,
    /// Accept strtod's extra forms when decoding (hex, `inf`, `nan`, leading `+` or zeros).
    pub decode_invalid_numbers: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            encode_sparse_convert: false,
            encode_sparse_ratio: 2,
            encode_sparse_safe: 10,
            encode_max_depth: 1000,
            decode_max_depth: 1000,
            encode_number_precision: 14,
            encode_keep_buffer: true,
            encode_invalid_numbers: InvalidNumbers::Off,
            decode_invalid_numbers: true,
        }
    }
}

/// `cjson.null`: the NULL light userdata.
pub const NULL: Value = Value::LightUserData(0);

/// What an instance's functions share: its settings, and the buffers `encode` and
/// `decode` reuse from call to call instead of allocating them each time. A buffer is
/// taken out while in use, so a call that found it taken just makes a new one.
struct Instance {
    config: RefCell<Config>,
    /// `decode`: a copy of the JSON text, which it reads while it interns strings;
    /// `encode`: the output.
    text: Cell<Vec<u8>>,
    /// `decode`: the bytes of the string token being read.
    token: Cell<Vec<u8>>,
}

/// Larger buffers are freed after use, not kept: one huge document must not pin its
/// size for the rest of the instance's life.
const KEPT_BUFFER_MAX: usize = 64 * 1024;

/// Puts `buffer` back into `slot` for the next call, when it is worth keeping.
fn keep(slot: &Cell<Vec<u8>>, mut buffer: Vec<u8>) {
    if buffer.capacity() <= KEPT_BUFFER_MAX {
        buffer.clear();
        slot.set(buffer);
    }
}

type ConfigFn = fn(&mut State, usize, &Instance) -> Result<usize, LuaError>;

const FUNCTIONS: [(&str, ConfigFn); 10] = [
    ("encode", lua_encode),
    ("decode", lua_decode),
    ("encode_sparse_array", encode_sparse_array),
    ("encode_max_depth", encode_max_depth),
    ("decode_max_depth", decode_max_depth),
    ("encode_number_precision", encode_number_precision),
    ("encode_keep_buffer", encode_keep_buffer),
    ("encode_invalid_numbers", encode_invalid_numbers),
    ("decode_invalid_numbers", decode_invalid_numbers),
    ("new", lua_new),
];

/// Opens the `cjson` table as a global.
pub fn open(s: &mut State) {
    let t = new_instance(s);
    let globals = s.globals;
    set_field(s, globals, "cjson", Value::Table(t));
}

/// A cjson module table with a fresh configuration (`lua_cjson_new`).
fn new_instance(s: &mut State) -> TableRef {
    let instance = Rc::new(Instance {
        config: RefCell::new(Config::default()),
        text: Cell::default(),
        token: Cell::default(),
    });
    let t = s.heap.new_table(0, FUNCTIONS.len() + 3);
    for (name, f) in FUNCTIONS {
        let instance = instance.clone();
        let v = s.native_closure(name, Rc::new(move |s, n| f(s, n, &instance)), Vec::new());
        set_field(s, t, name, v);
    }
    set_field(s, t, "null", NULL);
    let name = s.str_value(b"cjson");
    set_field(s, t, "_NAME", name);
    let version = s.str_value(b"2.1.0");
    set_field(s, t, "_VERSION", version);
    t
}

fn lua_new(s: &mut State, _n: usize, _instance: &Instance) -> Result<usize, LuaError> {
    let t = new_instance(s);
    s.push(Value::Table(t));
    Ok(1)
}

fn lua_encode(s: &mut State, n: usize, instance: &Instance) -> Result<usize, LuaError> {
    if n != 1 {
        return Err(s.arg_error(1, "expected 1 argument"));
    }
    let config = *instance.config.borrow();
    let mut out = instance.text.take();
    encode::encode(s, &config, s.arg(1), &mut out)?;
    let v = s.str_value(&out);
    if config.encode_keep_buffer {
        keep(&instance.text, out);
    }
    s.push(v);
    Ok(1)
}

fn lua_decode(s: &mut State, n: usize, instance: &Instance) -> Result<usize, LuaError> {
    if n != 1 {
        return Err(s.arg_error(1, "expected 1 argument"));
    }
    let config = *instance.config.borrow();
    let mut json = instance.text.take();
    match s.arg(1) {
        Value::String(text) => json.extend_from_slice(s.heap.str(text)),
        _ => json = s.check_string(1)?,
    }
    let mut token = instance.token.take();
    let v = decode::decode(s, &config, &json, &mut token)?;
    keep(&instance.text, json);
    keep(&instance.token, token);
    s.push(v);
    Ok(1)
}

/// `json_arg_init`: at most `max` arguments.
fn check_args(s: &mut State, n: usize, max: usize) -> Result<(), LuaError> {
    if n > max {
        return Err(s.arg_error(max + 1, "found too many arguments"));
    }
    Ok(())
}

/// `json_integer_option`: sets `setting` from argument `i` when given (range errors name
/// argument #1, as lua-cjson does), then pushes its value.
fn integer_option(
    s: &mut State,
    i: usize,
    setting: &mut i32,
    min: i32,
    max: i32,
) -> Result<(), LuaError> {
    if !matches!(s.arg(i), Value::Nil) {
        // luaL_checkinteger stored in an int.
        let value = s.check_c_int(i)?;
        if !(min..=max).contains(&value) {
            return Err(s.arg_error(1, &format!("expected integer between {min} and {max}")));
        }
        *setting = value;
    }
    s.push(Value::Number(f64::from(*setting)));
    Ok(())
}

/// `json_enum_option` for options whose index 1 is also `true`: sets `setting` (an index
/// into `options`) from argument `i` when given, then pushes it as a boolean when it is 0
/// or 1, else as its name.
fn enum_option(
    s: &mut State,
    i: usize,
    setting: &mut usize,
    options: &[&str],
) -> Result<(), LuaError> {
    match s.arg(i) {
        Value::Nil => {}
        Value::Boolean(b) => *setting = usize::from(b),
        _ => {
            let name = s.check_string(i)?;
            match options.iter().position(|o| o.as_bytes() == name) {
                Some(p) => *setting = p,
                None => {
                    let msg = format!("invalid option '{}'", String::from_utf8_lossy(&name));
                    return Err(s.arg_error(i, &msg));
                }
            }
        }
    }
    let v = match *setting {
        0 | 1 => Value::Boolean(*setting == 1),
        n => s.str_value(options.get(n).copied().unwrap_or_default().as_bytes()),
    };
    s.push(v);
    Ok(())
}

const ON_OFF: [&str; 2] = ["off", "on"];

fn bool_option(s: &mut State, i: usize, setting: &mut bool) -> Result<(), LuaError> {
    let mut index = usize::from(*setting);
    enum_option(s, i, &mut index, &ON_OFF)?;
    *setting = index == 1;
    Ok(())
}

fn encode_sparse_array(s: &mut State, n: usize, instance: &Instance) -> Result<usize, LuaError> {
    let config = &instance.config;
    check_args(s, n, 3)?;
    let mut c = *config.borrow();
    bool_option(s, 1, &mut c.encode_sparse_convert)?;
    *config.borrow_mut() = c;
    integer_option(s, 2, &mut c.encode_sparse_ratio, 0, i32::MAX)?;
    *config.borrow_mut() = c;
    integer_option(s, 3, &mut c.encode_sparse_safe, 0, i32::MAX)?;
    *config.borrow_mut() = c;
    Ok(3)
}

/// A configuration function setting one integer field.
fn integer_setting(
    s: &mut State,
    n: usize,
    config: &RefCell<Config>,
    field: fn(&mut Config) -> &mut i32,
    min: i32,
    max: i32,
) -> Result<usize, LuaError> {
    check_args(s, n, 1)?;
    let mut c = *config.borrow();
    integer_option(s, 1, field(&mut c), min, max)?;
    *config.borrow_mut() = c;
    Ok(1)
}

fn encode_max_depth(s: &mut State, n: usize, instance: &Instance) -> Result<usize, LuaError> {
    integer_setting(
        s,
        n,
        &instance.config,
        |c| &mut c.encode_max_depth,
        1,
        i32::MAX,
    )
}

fn decode_max_depth(s: &mut State, n: usize, instance: &Instance) -> Result<usize, LuaError> {
    integer_setting(
        s,
        n,
        &instance.config,
        |c| &mut c.decode_max_depth,
        1,
        i32::MAX,
    )
}

fn encode_number_precision(
    s: &mut State,
    n: usize,
    instance: &Instance,
) -> Result<usize, LuaError> {
    integer_setting(
        s,
        n,
        &instance.config,
        |c| &mut c.encode_number_precision,
        1,
        14,
    )
}

fn bool_setting(
    s: &mut State,
    n: usize,
    config: &RefCell<Config>,
    field: fn(&mut Config) -> &mut bool,
) -> Result<usize, LuaError> {
    check_args(s, n, 1)?;
    let mut c = *config.borrow();
    bool_option(s, 1, field(&mut c))?;
    *config.borrow_mut() = c;
    Ok(1)
}

fn encode_keep_buffer(s: &mut State, n: usize, instance: &Instance) -> Result<usize, LuaError> {
    bool_setting(s, n, &instance.config, |c| &mut c.encode_keep_buffer)
}

fn decode_invalid_numbers(s: &mut State, n: usize, instance: &Instance) -> Result<usize, LuaError> {
    bool_setting(s, n, &instance.config, |c| &mut c.decode_invalid_numbers)
}

fn encode_invalid_numbers(s: &mut State, n: usize, instance: &Instance) -> Result<usize, LuaError> {
    let config = &instance.config;
    const OPTIONS: [&str; 3] = ["off", "on", "null"];
    const MODES: [InvalidNumbers; 3] = [
        InvalidNumbers::Off,
        InvalidNumbers::On,
        InvalidNumbers::Null,
    ];
    check_args(s, n, 1)?;
    let mut c = *config.borrow();
    let mut index = MODES
        .iter()
        .position(|&m| m == c.encode_invalid_numbers)
        .unwrap_or(0);
    enum_option(s, 1, &mut index, &OPTIONS)?;
    c.encode_invalid_numbers = MODES.get(index).copied().unwrap_or(InvalidNumbers::Off);
    *config.borrow_mut() = c;
    Ok(1)
}
