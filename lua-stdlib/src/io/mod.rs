//! The `io` library (liolib.c): `io.*` functions and file handles, which are
//! full userdata sharing one metatable (`FILE*` in the registry), their
//! methods in its `__index` table.

mod file;

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::SeekFrom;
use std::rc::{Rc, Weak};

use lua_core::function::NativeClosure;
use lua_core::value::TableRef;
use lua_core::{LuaError, State, Value};

pub use file::{errno, strerror, temporary_name, Buffering, LuaFile};

use crate::libtable::{loaded_table, set_field};

/// The files of one state: every handle ever made (`None` once closed) and
/// the default input and output.
pub struct Files {
    handles: HashMap<u32, Option<LuaFile>>,
    metatable: TableRef,
    input: u32,
    output: u32,
    /// The files themselves, for the line iterators `lines` makes.
    shared: Weak<RefCell<Files>>,
}

impl Files {
    /// Flushes every open file, as C's `exit` does (`os.exit`).
    pub fn flush_all(&mut self) {
        for f in self.handles.values_mut().flatten() {
            let _ = f.flush();
        }
    }
}

/// The shared io state that `os.exit` flushes.
pub type SharedFiles = Rc<RefCell<Files>>;

/// An io native: the state, its argument count and the files.
type IoFn = fn(&mut State, usize, &mut Files) -> Result<usize, LuaError>;

const IO_FUNCTIONS: &[(&str, IoFn)] = &[
    ("close", io_close),
    ("flush", io_flush),
    ("input", io_input),
    ("lines", io_lines),
    ("open", io_open),
    ("output", io_output),
    ("popen", io_popen),
    ("read", io_read),
    ("tmpfile", io_tmpfile),
    ("type", io_type),
    ("write", io_write),
];

const METHODS: &[(&str, IoFn)] = &[
    ("close", f_close),
    ("flush", f_flush),
    ("lines", f_lines),
    ("read", f_read),
    ("seek", f_seek),
    ("setvbuf", f_setvbuf),
    ("write", f_write),
    ("__gc", f_gc),
    ("__tostring", f_tostring),
];

fn closure(files: &SharedFiles, f: IoFn) -> NativeClosure {
    let files = files.clone();
    Rc::new(move |s: &mut State, n: usize| f(s, n, &mut files.borrow_mut()))
}

/// Opens the `io` table with `io.stdin`, `io.stdout` and `io.stderr`;
/// returns the files for [`crate::os::open`].
pub fn open(s: &mut State) -> SharedFiles {
    let metatable = s.heap.new_table(0, 4);
    let registry = s.registry;
    set_field(s, registry, "FILE*", Value::Table(metatable));
    let mut files = Files {
        handles: HashMap::new(),
        metatable,
        input: 0,
        output: 0,
        shared: Weak::new(),
    };
    let stdin = new_handle(s, &mut files, LuaFile::stdin());
    let stdout = new_handle(s, &mut files, LuaFile::stdout());
    let stderr = new_handle(s, &mut files, LuaFile::stderr());
    set_default_file(s, &mut files, false, stdin);
    set_default_file(s, &mut files, true, stdout);
    let files = Rc::new(RefCell::new(files));
    files.borrow_mut().shared = Rc::downgrade(&files);

    let methods = s.heap.new_table(0, METHODS.len());
    for &(name, f) in METHODS {
        let v = s.native_closure(name, closure(&files, f), Vec::new());
        let target = if name.starts_with("__") {
            metatable
        } else {
            methods
        };
        set_field(s, target, name, v);
    }
    set_field(s, metatable, "__index", Value::Table(methods));

    let t = s.heap.new_table(0, IO_FUNCTIONS.len() + 3);
    for &(name, f) in IO_FUNCTIONS {
        let v = s.native_closure(name, closure(&files, f), Vec::new());
        set_field(s, t, name, v);
    }
    for (name, id) in [("stdin", stdin), ("stdout", stdout), ("stderr", stderr)] {
        set_field(s, t, name, Value::UserData(id));
    }
    let loaded = loaded_table(s);
    set_field(s, loaded, "io", Value::Table(t));
    let globals = s.globals;
    set_field(s, globals, "io", Value::Table(t));
    files
}

fn new_handle(s: &mut State, files: &mut Files, f: LuaFile) -> u32 {
    let id = s.heap.new_userdata(Some(files.metatable));
    // A collected handle's slot may be reused: its file was closed by `__gc`.
    files.handles.insert(id, Some(f));
    id
}

/// Makes handle `id` the default input or output; the registry holds it so
/// the collector keeps it while it is the default.
fn set_default_file(s: &mut State, files: &mut Files, output: bool, id: u32) {
    let (slot, name) = if output {
        (&mut files.output, "_IO_output")
    } else {
        (&mut files.input, "_IO_input")
    };
    *slot = id;
    let registry = s.registry;
    set_field(s, registry, name, Value::UserData(id));
}

/// Pushes a new handle for `f`: one result.
fn push_handle(s: &mut State, files: &mut Files, f: LuaFile) -> usize {
    let id = new_handle(s, files, f);
    s.push(Value::UserData(id));
    1
}

/// `pushresult`: `true`, or `nil, message, errno` (the message prefixed by
/// `name` when given).
pub(crate) fn push_result(
    s: &mut State,
    r: std::io::Result<()>,
    name: Option<&[u8]>,
) -> Result<usize, LuaError> {
    match r {
        Ok(()) => {
            s.push(Value::Boolean(true));
            Ok(1)
        }
        Err(e) => push_failure(s, &e, name),
    }
}

pub(crate) fn push_failure(
    s: &mut State,
    e: &std::io::Error,
    name: Option<&[u8]>,
) -> Result<usize, LuaError> {
    let mut msg = Vec::new();
    if let Some(name) = name {
        msg.extend_from_slice(name);
        msg.extend_from_slice(b": ");
    }
    msg.extend_from_slice(strerror(e).as_bytes());
    s.push(Value::Nil);
    let m = s.str_value(&msg);
    s.push(m);
    s.push(Value::Number(f64::from(errno(e))));
    Ok(3)
}

/// Whether `v` is one of the io handles (open or closed).
fn is_handle(s: &State, files: &Files, v: Value) -> Option<u32> {
    match v {
        Value::UserData(id)
            if files.handles.contains_key(&id)
                && s.heap.userdata(id).metatable == Some(files.metatable) =>
        {
            Some(id)
        }
        _ => None,
    }
}

/// The handle id of argument `n` (`luaL_checkudata(L, n, "FILE*")`).
fn check_handle(s: &mut State, files: &Files, n: usize) -> Result<u32, LuaError> {
    match is_handle(s, files, s.arg(n)) {
        Some(id) => Ok(id),
        None => Err(s.type_arg_error(n, "FILE*")),
    }
}

/// `tofile`: argument 1 as an open file.
fn to_file<'f>(s: &mut State, files: &'f mut Files) -> Result<&'f mut LuaFile, LuaError> {
    let id = check_handle(s, files, 1)?;
    match files.handles.get_mut(&id) {
        Some(Some(f)) => Ok(f),
        _ => Err(s.rt_error("attempt to use a closed file")),
    }
}

/// `getiofile`: the default input (`output` false) or output file.
fn default_file<'f>(
    s: &mut State,
    files: &'f mut Files,
    output: bool,
) -> Result<&'f mut LuaFile, LuaError> {
    let id = if output { files.output } else { files.input };
    match files.handles.get_mut(&id) {
        Some(Some(f)) => Ok(f),
        _ => {
            let which = if output { "output" } else { "input" };
            Err(s.rt_error(&format!("standard {which} file is closed")))
        }
    }
}

fn io_close(s: &mut State, n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let id = if n == 0 {
        files.output
    } else {
        to_file(s, files)?;
        check_handle(s, files, 1)?
    };
    let Some(slot) = files.handles.get_mut(&id) else {
        return Ok(0);
    };
    match slot {
        Some(f) if f.is_standard() => {
            s.push(Value::Nil);
            let m = s.str_value(b"cannot close standard file");
            s.push(m);
            Ok(2)
        }
        Some(_) => {
            let r = slot.take().map_or(Ok(()), LuaFile::close);
            push_result(s, r, None)
        }
        None => Err(s.rt_error("attempt to use a closed file")),
    }
}

/// `f:close()`: as `io.close`, but with no argument there is no default
/// (lua5.1's methods see no io environment, so the file is nil).
fn f_close(s: &mut State, n: usize, files: &mut Files) -> Result<usize, LuaError> {
    if n == 0 {
        return Err(s.arg_error(1, "FILE* expected, got nil"));
    }
    io_close(s, n, files)
}

fn io_flush(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let r = default_file(s, files, true)?.flush();
    push_result(s, r, None)
}

fn f_flush(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let r = to_file(s, files)?.flush();
    push_result(s, r, None)
}

/// `g_iofile`: sets the default input or output from a file name or a handle,
/// and returns the current one.
fn set_default(s: &mut State, files: &mut Files, output: bool) -> Result<usize, LuaError> {
    let chosen = match s.arg(1) {
        Value::Nil => None,
        Value::String(_) | Value::Number(_) => {
            let name = s.check_string(1)?;
            let mode: &[u8] = if output { b"w" } else { b"r" };
            match LuaFile::open(&name, mode) {
                Ok(f) => Some(new_handle(s, files, f)),
                Err(e) => return Err(file_error(s, &name, &e)),
            }
        }
        _ => {
            to_file(s, files)?;
            Some(check_handle(s, files, 1)?)
        }
    };
    if let Some(id) = chosen {
        set_default_file(s, files, output, id);
    }
    s.push(Value::UserData(if output {
        files.output
    } else {
        files.input
    }));
    Ok(1)
}

/// `fileerror`: `bad argument #1 to 'f' (NAME: strerror)`.
fn file_error(s: &mut State, name: &[u8], e: &std::io::Error) -> LuaError {
    let msg = format!("{}: {}", String::from_utf8_lossy(name), strerror(e));
    s.arg_error(1, &msg)
}

fn io_input(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    set_default(s, files, false)
}

fn io_output(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    set_default(s, files, true)
}

fn io_open(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let name = s.check_string(1)?;
    let mode = match s.arg(2) {
        Value::Nil => b"r".to_vec(),
        _ => s.check_string(2)?,
    };
    match LuaFile::open(&name, &mode) {
        Ok(f) => Ok(push_handle(s, files, f)),
        Err(e) => push_failure(s, &e, Some(&name)),
    }
}

fn io_popen(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let command = s.check_string(1)?;
    let mode = match s.arg(2) {
        Value::Nil => b"r".to_vec(),
        _ => s.check_string(2)?,
    };
    match LuaFile::popen(&command, &mode) {
        Ok(f) => Ok(push_handle(s, files, f)),
        Err(e) => push_failure(s, &e, Some(&command)),
    }
}

fn io_tmpfile(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    match LuaFile::temporary() {
        Ok(f) => Ok(push_handle(s, files, f)),
        Err(e) => push_failure(s, &e, None),
    }
}

fn io_type(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let v = s.check_any(1)?;
    let r = match is_handle(s, files, v).map(|id| files.handles.get(&id)) {
        Some(Some(Some(_))) => s.str_value(b"file"),
        Some(Some(None)) => s.str_value(b"closed file"),
        _ => Value::Nil,
    };
    s.push(r);
    Ok(1)
}

/// `__gc`: an unreachable handle's file is closed (flushed), as lua5.1 does;
/// its slot may then be reused by another userdata.
fn f_gc(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    if let Some(id) = is_handle(s, files, s.arg(1)) {
        if let Some(Some(f)) = files.handles.remove(&id) {
            let _ = f.close();
        }
    }
    Ok(0)
}

fn f_tostring(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let id = check_handle(s, files, 1)?;
    let text = match files.handles.get(&id) {
        Some(Some(_)) => format!("file (0x{:08x})", 0x0900_0000 + id as usize * 0x20),
        _ => "file (closed)".to_string(),
    };
    let v = s.str_value(text.as_bytes());
    s.push(v);
    Ok(1)
}

/// The line iterator of `io.lines`/`f:lines`: reads handle `id` line by
/// line; at the end closes it when `close_at_end` (`io.lines(name)`).
fn lines_iterator(s: &mut State, files: &Files, id: u32, close_at_end: bool) -> Value {
    let files = files.shared.clone();
    let step = move |s: &mut State, _n: usize| -> Result<usize, LuaError> {
        let Some(files) = files.upgrade() else {
            return Ok(0);
        };
        let mut files = files.borrow_mut();
        let Some(Some(f)) = files.handles.get_mut(&id) else {
            return Err(s.rt_error("file is already closed"));
        };
        match f.read_line() {
            Ok(Some(line)) => {
                let v = s.str_value(&line);
                s.push(v);
                Ok(1)
            }
            Ok(None) => {
                if close_at_end {
                    if let Some(slot) = files.handles.get_mut(&id) {
                        if let Some(f) = slot.take() {
                            let _ = f.close();
                        }
                    }
                }
                Ok(0)
            }
            Err(e) => Err(s.rt_error(&strerror(&e))),
        }
    };
    s.native_closure("lines_iterator", Rc::new(step), vec![Value::UserData(id)])
}

fn io_lines(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let id = match s.arg(1) {
        Value::Nil => {
            let id = files.input;
            if !matches!(files.handles.get(&id), Some(Some(_))) {
                return Err(s.rt_error("attempt to use a closed file"));
            }
            let it = lines_iterator(s, files, id, false);
            s.push(it);
            return Ok(1);
        }
        _ => {
            let name = s.check_string(1)?;
            match LuaFile::open(&name, b"r") {
                Ok(f) => new_handle(s, files, f),
                Err(e) => return Err(file_error(s, &name, &e)),
            }
        }
    };
    let it = lines_iterator(s, files, id, true);
    s.push(it);
    Ok(1)
}

fn f_lines(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    to_file(s, files)?;
    let id = check_handle(s, files, 1)?;
    let it = lines_iterator(s, files, id, false);
    s.push(it);
    Ok(1)
}

/// `g_read`: reads the formats in arguments `first..first + count` from `f`;
/// the first format that fails gives nil and ends the reading.
fn read_formats(
    s: &mut State,
    f: &mut LuaFile,
    first: usize,
    count: usize,
) -> Result<usize, LuaError> {
    if count == 0 {
        return match f.read_line() {
            Ok(line) => {
                push_read(s, line);
                Ok(1)
            }
            Err(e) => push_failure(s, &e, None),
        };
    }
    let mut pushed = 0;
    for arg in first..first + count {
        let r = match s.arg(arg) {
            Value::Number(x) => {
                // C's (size_t) of the integer: negative counts read everything.
                let n = lua_core::number::to_c_long(x) as u64 as usize;
                if n == 0 {
                    f.at_eof().map(|eof| (!eof).then(Vec::new))
                } else {
                    f.read_chars(n)
                }
            }
            v => {
                let format = match v {
                    Value::String(r) => s.heap.str(r).to_vec(),
                    _ => Vec::new(),
                };
                if format.first() != Some(&b'*') {
                    return Err(s.arg_error(arg, "invalid option"));
                }
                match format.get(1) {
                    Some(b'n') => match f.read_number() {
                        Ok(Some(x)) => {
                            s.push(Value::Number(x));
                            pushed += 1;
                            continue;
                        }
                        Ok(None) => Ok(None),
                        Err(e) => Err(e),
                    },
                    Some(b'l') => f.read_line(),
                    Some(b'a') => f.read_all().map(Some),
                    _ => return Err(s.arg_error(arg, "invalid format")),
                }
            }
        };
        match r {
            Ok(Some(bytes)) => {
                let v = s.str_value(&bytes);
                s.push(v);
                pushed += 1;
            }
            Ok(None) => {
                s.push(Value::Nil);
                return Ok(pushed + 1);
            }
            Err(e) => {
                s.top -= pushed;
                return push_failure(s, &e, None);
            }
        }
    }
    Ok(pushed)
}

/// Pushes a line read, or nil at the end of the file.
fn push_read(s: &mut State, bytes: Option<Vec<u8>>) {
    let v = match bytes {
        Some(b) => s.str_value(&b),
        None => Value::Nil,
    };
    s.push(v);
}

fn io_read(s: &mut State, n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let f = default_file(s, files, false)?;
    read_formats(s, f, 1, n)
}

fn f_read(s: &mut State, n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let f = to_file(s, files)?;
    read_formats(s, f, 2, n.saturating_sub(1))
}

/// `g_write`: writes arguments `first..=n` (numbers as `%.14g`); `true`, or
/// the error of the first write that failed.
fn write_args(s: &mut State, f: &mut LuaFile, first: usize, n: usize) -> Result<usize, LuaError> {
    let mut status = Ok(());
    for arg in first..=n {
        let bytes = match s.arg(arg) {
            Value::Number(x) => lua_core::number::fmt_number(x).into_bytes(),
            _ => s.check_string(arg)?,
        };
        if status.is_ok() {
            status = f.write(&bytes);
        }
    }
    push_result(s, status, None)
}

fn io_write(s: &mut State, n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let f = default_file(s, files, true)?;
    write_args(s, f, 1, n)
}

fn f_write(s: &mut State, n: usize, files: &mut Files) -> Result<usize, LuaError> {
    let f = to_file(s, files)?;
    write_args(s, f, 2, n)
}

/// `luaL_checkoption`: the index of argument `n` in `options` (`default`
/// when absent, if there is one).
pub(crate) fn check_option(
    s: &mut State,
    n: usize,
    default: Option<&str>,
    options: &[&str],
) -> Result<usize, LuaError> {
    let name = match (s.arg(n), default) {
        (Value::Nil, Some(d)) => d.as_bytes().to_vec(),
        _ => s.check_string(n)?,
    };
    match options.iter().position(|o| o.as_bytes() == name) {
        Some(i) => Ok(i),
        None => {
            let msg = format!("invalid option '{}'", String::from_utf8_lossy(&name));
            Err(s.arg_error(n, &msg))
        }
    }
}

fn f_seek(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    to_file(s, files)?;
    let whence = check_option(s, 2, Some("cur"), &["set", "cur", "end"])?;
    let offset = s.opt_int(3, 0)?;
    let to = match whence {
        0 => match u64::try_from(offset) {
            Ok(o) => SeekFrom::Start(o),
            Err(_) => return push_failure(s, &invalid_argument(), None),
        },
        1 => SeekFrom::Current(offset),
        _ => SeekFrom::End(offset),
    };
    match to_file(s, files)?.seek(to) {
        Ok(pos) => {
            s.push(Value::Number(pos as f64));
            Ok(1)
        }
        Err(e) => push_failure(s, &e, None),
    }
}

/// C's `EINVAL`, for a seek before the start of a file.
fn invalid_argument() -> std::io::Error {
    std::io::Error::from_raw_os_error(22)
}

fn f_setvbuf(s: &mut State, _n: usize, files: &mut Files) -> Result<usize, LuaError> {
    to_file(s, files)?;
    let mode = match check_option(s, 2, None, &["no", "full", "line"])? {
        0 => Buffering::No,
        1 => Buffering::Full,
        _ => Buffering::Line,
    };
    let r = to_file(s, files)?.set_buffering(mode);
    push_result(s, r, None)
}
