//! Functions (Redis's functions.c and function_lua.c): libraries loaded with
//! FUNCTION LOAD, their functions registered by `redis.register_function`,
//! and FCALL / FCALL_RO.
//!
//! The functions engine has its own Lua state. Its globals are an empty
//! read-only table whose metatable's `__index` points at the real globals
//! while functions run, and at a restricted view (only `redis.register_function`,
//! `redis.log`, `LOG_*` and the version) while a library's body loads.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use lua_core::value::TableRef;
use lua_core::{LuaError, State, Value};

use crate::context::{EngineShared, EngineStats, ScriptFlags};
use crate::convert::{get_field, map_newlines, set_field};
use crate::engine::{error_message, LuaEngine, RunSetup};
use crate::eval::{check_before_run, compile_error, strict_i64, string_array};
use crate::host::CommandHost;
use crate::lua_api::{raise, ApiKind};
use crate::reply::Reply;
use crate::{sandbox, shebang};

/// How long a library's body may run at load.
const LOAD_TIMEOUT: Duration = Duration::from_millis(500);

const FUNCTION_HELP: [&str; 40] = [
    "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "LOAD [REPLACE] <FUNCTION CODE>",
    "    Create a new library with the given library name and code.",
    "DELETE <LIBRARY NAME>",
    "    Delete the given library.",
    "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
    "    Return general information on all the libraries:",
    "    * Library name",
    "    * The engine used to run the Library",
    "    * Library description",
    "    * Functions list",
    "    * Library code (if WITHCODE is given)",
    "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
    "STATS",
    "    Return information about the current function running:",
    "    * Function name",
    "    * Command used to run the function",
    "    * Duration in MS that the function is running",
    "    If no function is running, return nil",
    "    In addition, returns a list of available engines.",
    "KILL",
    "    Kill the current running function.",
    "FLUSH [ASYNC|SYNC]",
    "    Delete all the libraries.",
    "    When called without the optional mode argument, the behavior is determined by the",
    "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
    "    * ASYNC: Asynchronously flush the libraries.",
    "    * SYNC: Synchronously flush the libraries.",
    "DUMP",
    "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
    "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
    "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
    "    control how to handle existing libraries (default APPEND):",
    "    * FLUSH: delete all existing libraries.",
    "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
    "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
    "      libraries with the new libraries (notice that even on this option there is a chance of failure",
    "      in case of functions name collision with another library).",
    "HELP",
    "    Prints this help.",
];

const NAME_RULE: &str = "Library names can only contain letters, numbers, or underscores(_) and must be at least one character long";

/// A registered function's metadata.
#[derive(Debug, Clone)]
pub struct FunctionInfo {
    /// Its name as registered.
    pub name: String,
    /// `description`, if given.
    pub description: Option<Vec<u8>>,
    /// Its flags.
    pub flags: ScriptFlags,
}

/// A loaded library.
#[derive(Debug, Clone)]
pub struct Library {
    /// Its name (case-sensitive).
    pub name: String,
    /// The code given to FUNCTION LOAD.
    pub code: Vec<u8>,
    /// Its functions, in registration order.
    pub functions: Vec<FunctionInfo>,
}

/// Functions registered by the library being loaded.
#[derive(Default)]
struct Registration {
    functions: Vec<FunctionInfo>,
}

/// The functions engine and its libraries.
pub struct Functions<H> {
    engine: LuaEngine<H>,
    /// The metatable of the globals, whose `__index` switches views.
    globals_meta: TableRef,
    real_globals: TableRef,
    load_view: TableRef,
    registration: Rc<RefCell<Registration>>,
    libraries: Vec<Library>,
    shared: EngineShared,
}

impl<H: CommandHost + 'static> Default for Functions<H> {
    fn default() -> Self {
        Functions::new()
    }
}

/// Whether `name` is a valid library or function name.
fn valid_name(name: &[u8]) -> bool {
    !name.is_empty() && name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

/// The registry key holding the callbacks of library `lib`.
fn library_key(lib: &str) -> String {
    format!("__library_{lib}")
}

impl<H: CommandHost + 'static> Functions<H> {
    /// A fresh engine with no library.
    pub fn new() -> Functions<H> {
        Functions::with_shared(EngineShared::default())
    }

    /// Publishes the engine's figures.
    fn report(&self) {
        self.shared.stats.set(EngineStats {
            functions_memory: self.memory_used(),
            functions: self.libraries.iter().map(|l| l.functions.len()).sum(),
            libraries: self.libraries.len(),
            ..self.shared.stats.get()
        });
    }

    /// A fresh engine that reports its figures into `shared.stats` and draws
    /// random numbers from `shared.rand`.
    pub fn with_shared(shared: EngineShared) -> Functions<H> {
        let mut engine = LuaEngine::new(ApiKind::Function, shared.rand.clone());
        let registration = Rc::new(RefCell::new(Registration::default()));
        let s = &mut engine.lua.state;
        let real_globals = s.globals;
        // The view a library body sees while it loads.
        let load_view = s.heap.new_table(0, 1);
        let api = s.heap.new_table(0, 8);
        let reg = registration.clone();
        let register = s.native_closure(
            "register_function",
            Rc::new(move |s: &mut State, n: usize| register_function(s, n, &reg)),
            Vec::new(),
        );
        set_field(s, api, "register_function", register);
        let redis = get_field(s, real_globals, "redis");
        if let Value::Table(full) = redis {
            for name in [
                "log",
                "LOG_DEBUG",
                "LOG_VERBOSE",
                "LOG_NOTICE",
                "LOG_WARNING",
                "REDIS_VERSION",
                "REDIS_VERSION_NUM",
            ] {
                let v = get_field(s, full, name);
                set_field(s, api, name, v);
            }
        }
        sandbox::set_error_metatable(s, api);
        set_field(s, load_view, "redis", Value::Table(api));
        sandbox::set_error_metatable(s, load_view);
        sandbox::protect_recursively(s, load_view);
        // The globals functions see: empty, falling back on the real ones.
        let globals = s.heap.new_table(0, 0);
        let meta = s.heap.new_table(0, 1);
        set_field(s, meta, "__index", Value::Table(real_globals));
        s.heap.table_mut(globals).metatable = Some(meta);
        s.heap.table_mut(globals).readonly = true;
        s.heap.table_mut(meta).readonly = true;
        s.globals = globals;
        // Only one view at a time hangs off the metatable: the registry keeps
        // both alive for the collector.
        set_registry(s, "__real_globals", Value::Table(real_globals));
        set_registry(s, "__load_view", Value::Table(load_view));
        let functions = Functions {
            engine,
            globals_meta: meta,
            real_globals,
            load_view,
            registration,
            libraries: Vec::new(),
            shared,
        };
        functions.report();
        functions
    }

    /// The loaded libraries.
    pub fn libraries(&self) -> &[Library] {
        &self.libraries
    }

    /// Bytes the functions' Lua state holds.
    pub fn memory_used(&self) -> usize {
        self.engine.lua.memory_used()
    }

    /// Limits the bytes the functions' Lua state may hold (see
    /// [`LuaEngine::set_memory_limit`]).
    pub fn set_memory_limit(&mut self, bytes: usize) {
        self.engine.set_memory_limit(bytes);
    }

    fn set_view(&mut self, view: TableRef) {
        let s = &mut self.engine.lua.state;
        let meta = self.globals_meta;
        s.heap.table_mut(meta).readonly = false;
        set_field(s, meta, "__index", Value::Table(view));
        s.heap.table_mut(meta).readonly = true;
    }

    fn find_function(&self, name: &[u8]) -> Option<(&Library, &FunctionInfo)> {
        self.libraries.iter().find_map(|lib| {
            lib.functions
                .iter()
                .find(|f| f.name.as_bytes().eq_ignore_ascii_case(name))
                .map(|f| (lib, f))
        })
    }

    /// FUNCTION LOAD [REPLACE] code: returns the library name.
    pub fn load(&mut self, code: &[u8], replace: bool) -> Result<String, Reply> {
        let (name, code_start) = parse_metadata(code)?;
        let existing = self.libraries.iter().position(|l| l.name == name);
        if existing.is_some() && !replace {
            return Err(Reply::error(format!("ERR Library '{name}' already exists")));
        }
        let f = self
            .engine
            .lua
            .load(&code[code_start..], b"@user_function")
            .map_err(|e| compile_error("ERR Error compiling function: ", e))?;
        let functions = self.run_library_body(f)?;
        if functions.is_empty() {
            self.drop_library_callbacks("__loading");
            return Err(Reply::error("ERR No functions registered"));
        }
        for func in &functions {
            let clash = self
                .find_function(func.name.as_bytes())
                .is_some_and(|(lib, _)| lib.name != name);
            if clash {
                self.drop_library_callbacks("__loading");
                return Err(Reply::error(format!(
                    "ERR Function {} already exists",
                    func.name
                )));
            }
        }
        let s = &mut self.engine.lua.state;
        let loading = get_registry(s, &library_key("__loading"));
        set_registry(s, &library_key(&name), loading);
        self.drop_library_callbacks("__loading");
        let library = Library {
            name: name.clone(),
            code: code.to_vec(),
            functions,
        };
        match existing {
            Some(i) => self.libraries[i] = library,
            None => self.libraries.push(library),
        }
        self.report();
        Ok(name)
    }

    fn drop_library_callbacks(&mut self, lib: &str) {
        set_registry(&mut self.engine.lua.state, &library_key(lib), Value::Nil);
    }

    /// Runs a library's body with the load view; returns what it registered.
    fn run_library_body(&mut self, f: Value) -> Result<Vec<FunctionInfo>, Reply> {
        let s = &mut self.engine.lua.state;
        let callbacks = s.heap.new_table(0, 4);
        set_registry(s, &library_key("__loading"), Value::Table(callbacks));
        *self.registration.borrow_mut() = Registration::default();
        self.set_view(self.load_view);
        let start = Instant::now();
        self.engine
            .lua
            .set_hook(Some(Box::new(move || start.elapsed() < LOAD_TIMEOUT)));
        let result = self.engine.lua.state.call_value(f, &[]);
        self.engine.lua.set_hook(None);
        self.set_view(self.real_globals);
        let registered = std::mem::take(&mut self.registration.borrow_mut().functions);
        match result {
            Ok(_) => Ok(registered),
            Err(e) => {
                let s = &mut self.engine.lua.state;
                let msg = match e {
                    LuaError::Interrupted => b"ERR FUNCTION LOAD timeout".to_vec(),
                    e => error_message(s, e),
                };
                s.reset_after_error();
                self.drop_library_callbacks("__loading");
                let mut out = b"ERR Error registering functions: ".to_vec();
                out.extend_from_slice(&msg);
                Err(Reply::Error(out))
            }
        }
    }

    /// FCALL / FCALL_RO with the full `argv`; `in_transaction` when EXEC runs it.
    pub fn fcall<A: AsRef<[u8]>>(
        &mut self,
        mut host: H,
        argv: &[A],
        read_only: bool,
        in_transaction: bool,
    ) -> (H, Reply) {
        let (Some(name), Some(numkeys)) = (argv.get(1), argv.get(2)) else {
            return (host, Reply::error("ERR wrong number of arguments"));
        };
        let (name, numkeys) = (name.as_ref(), numkeys.as_ref());
        let Some((lib, func)) = self.find_function(name) else {
            return (host, Reply::error("ERR Function not found"));
        };
        let (lib_name, func) = (lib.name.clone(), func.clone());
        let numkeys = match strict_i64(numkeys) {
            None => return (host, Reply::error("ERR Bad number of keys provided")),
            Some(n) if n < 0 => {
                return (host, Reply::error("ERR Number of keys can't be negative"))
            }
            Some(n) if n as usize > argv.len() - 3 => {
                return (
                    host,
                    Reply::error("ERR Number of keys can't be greater than number of args"),
                )
            }
            Some(n) => n as usize,
        };
        let oom = host.over_memory_limit();
        if let Err(e) = check_before_run(func.flags, read_only, oom, in_transaction) {
            return (host, e);
        }
        let s = &mut self.engine.lua.state;
        let callback = match get_registry(s, &library_key(&lib_name)) {
            Value::Table(t) => get_field(s, t, &func.name),
            _ => Value::Nil,
        };
        let keys = string_array(&mut self.engine, &argv[3..3 + numkeys]);
        let args = string_array(&mut self.engine, &argv[3 + numkeys..]);
        // KEYS and ARGV stay reachable: they are the call's arguments.
        let setup = RunSetup {
            read_only: read_only || func.flags.no_writes,
            allow_oom: func.flags.allow_oom,
            oom_at_start: oom,
            name: &func.name,
        };
        let done = self.engine.run(host, callback, &[keys, args], setup);
        self.report();
        done
    }

    /// FUNCTION LOAD / DELETE / FLUSH / LIST / STATS / KILL / HELP (argv[0] is
    /// FUNCTION); `matches(pattern, name)` is the glob match for LIST's
    /// LIBRARYNAME.
    pub fn command(&mut self, argv: &[&[u8]], matches: impl Fn(&[u8], &[u8]) -> bool) -> Reply {
        let sub = argv
            .get(1)
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default();
        match sub.as_slice() {
            b"load" => {
                let Some((code, options)) = argv[2..].split_last() else {
                    return Reply::error(
                        "ERR wrong number of arguments for 'function|load' command",
                    );
                };
                let mut replace = false;
                for opt in options {
                    if opt.eq_ignore_ascii_case(b"replace") {
                        replace = true;
                    } else {
                        let mut msg = b"ERR Unknown option given: ".to_vec();
                        msg.extend_from_slice(&map_newlines(opt));
                        return Reply::Error(msg);
                    }
                }
                match self.load(code, replace) {
                    Ok(name) => Reply::bulk(name),
                    Err(e) => e,
                }
            }
            b"delete" if argv.len() == 3 => self.delete(argv[2]),
            b"flush" if argv.len() > 3 => Reply::error(
                "ERR unknown subcommand or wrong number of arguments for 'FLUSH'. Try FUNCTION HELP.",
            ),
            b"flush" => match argv.get(2) {
                None => self.flush(),
                Some(m)
                    if argv.len() == 3
                        && (m.eq_ignore_ascii_case(b"sync")
                            || m.eq_ignore_ascii_case(b"async")) =>
                {
                    self.flush()
                }
                Some(_) => Reply::error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option"),
            },
            b"list" => self.list(&argv[2..], matches),
            b"stats" => self.stats(),
            b"kill" => Reply::error("NOTBUSY No scripts in execution right now."),
            b"help" => Reply::Array(FUNCTION_HELP.iter().map(|l| Reply::status(l)).collect()),
            b"dump" if argv.len() == 2 => Reply::Bulk(crate::dump::dump(
                self.libraries.iter().map(|l| l.code.as_slice()),
            )),
            b"restore" if (3..=4).contains(&argv.len()) => self.restore(argv[2], argv.get(3).copied()),
            _ => Reply::error(format!(
                "ERR unknown subcommand or wrong number of arguments for '{}'. Try FUNCTION HELP.",
                String::from_utf8_lossy(argv.get(1).copied().unwrap_or_default())
            )),
        }
    }

    /// FUNCTION RESTORE payload [FLUSH|APPEND|REPLACE].
    fn restore(&mut self, payload: &[u8], policy: Option<&[u8]>) -> Reply {
        let policy = policy.map(|p| p.to_ascii_uppercase());
        let (flush, replace) = match policy.as_deref() {
            None | Some(b"APPEND") => (false, false),
            Some(b"FLUSH") => (true, false),
            Some(b"REPLACE") => (false, true),
            Some(_) => return Reply::error(
                "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.",
            ),
        };
        let codes = match crate::dump::parse(payload) {
            Ok(codes) => codes,
            Err(e) => return Reply::error(e),
        };
        if !flush && !replace {
            // Refuse before loading anything, so a collision changes nothing.
            for code in &codes {
                if let Ok((name, _)) = parse_metadata(code) {
                    if self.libraries.iter().any(|l| l.name == name) {
                        return Reply::error(format!("ERR Library {name} already exists"));
                    }
                }
            }
        }
        if flush {
            self.flush();
        }
        for code in &codes {
            if let Err(e) = self.load(code, replace) {
                return e;
            }
        }
        Reply::ok()
    }

    /// FUNCTION FLUSH: drops every library. As in Redis 7.0 the Lua state
    /// stays (library-level state such as cjson settings survives).
    pub fn flush(&mut self) -> Reply {
        for lib in std::mem::take(&mut self.libraries) {
            self.drop_library_callbacks(&lib.name);
        }
        self.report();
        Reply::ok()
    }

    fn list(&self, args: &[&[u8]], matches: impl Fn(&[u8], &[u8]) -> bool) -> Reply {
        let (mut pattern, mut with_code) = (None, false);
        let mut i = 0;
        while i < args.len() {
            let a = args[i];
            if a.eq_ignore_ascii_case(b"withcode") && !with_code {
                with_code = true;
            } else if a.eq_ignore_ascii_case(b"libraryname") && pattern.is_none() {
                let Some(p) = args.get(i + 1) else {
                    return Reply::error("ERR library name argument was not given");
                };
                pattern = Some(*p);
                i += 1;
            } else {
                return Reply::error(format!(
                    "ERR Unknown argument {}",
                    String::from_utf8_lossy(a)
                ));
            }
            i += 1;
        }
        let bulk = |s: &str| Reply::bulk(s.as_bytes());
        let libs = self
            .libraries
            .iter()
            .filter(|l| pattern.is_none_or(|p| matches(p, l.name.as_bytes())))
            .map(|lib| {
                let functions = lib
                    .functions
                    .iter()
                    .map(|f| {
                        Reply::Map(vec![
                            (bulk("name"), bulk(&f.name)),
                            (
                                bulk("description"),
                                f.description.clone().map_or(Reply::Null, Reply::Bulk),
                            ),
                            (
                                bulk("flags"),
                                Reply::Set(
                                    f.flags.names().into_iter().map(Reply::status).collect(),
                                ),
                            ),
                        ])
                    })
                    .collect();
                let mut fields = vec![
                    (bulk("library_name"), bulk(&lib.name)),
                    (bulk("engine"), bulk("LUA")),
                    (bulk("functions"), Reply::Array(functions)),
                ];
                if with_code {
                    fields.push((bulk("library_code"), Reply::Bulk(lib.code.clone())));
                }
                Reply::Map(fields)
            })
            .collect();
        Reply::Array(libs)
    }

    fn stats(&self) -> Reply {
        let bulk = |s: &str| Reply::bulk(s.as_bytes());
        let functions: usize = self.libraries.iter().map(|l| l.functions.len()).sum();
        Reply::Map(vec![
            (bulk("running_script"), Reply::Null),
            (
                bulk("engines"),
                Reply::Map(vec![(
                    bulk("LUA"),
                    Reply::Map(vec![
                        (
                            bulk("libraries_count"),
                            Reply::Integer(self.libraries.len() as i64),
                        ),
                        (bulk("functions_count"), Reply::Integer(functions as i64)),
                    ]),
                )]),
            ),
        ])
    }

    /// FUNCTION DELETE name.
    pub fn delete(&mut self, name: &[u8]) -> Reply {
        let Some(i) = self
            .libraries
            .iter()
            .position(|l| l.name.as_bytes() == name)
        else {
            return Reply::error("ERR Library not found");
        };
        let lib = self.libraries.remove(i);
        self.drop_library_callbacks(&lib.name);
        self.report();
        Reply::ok()
    }
}

fn get_registry(s: &mut State, key: &str) -> Value {
    let r = s.registry;
    get_field(s, r, key)
}

fn set_registry(s: &mut State, key: &str, v: Value) {
    let r = s.registry;
    set_field(s, r, key, v);
}

/// Parses `#!<engine> name=<lib>`: the library name and where the code starts.
fn parse_metadata(code: &[u8]) -> Result<(String, usize), Reply> {
    if !code.starts_with(b"#!") {
        return Err(Reply::error("ERR Missing library metadata"));
    }
    let (parts, start) = match shebang::parse(code) {
        Ok(Some(found)) => found,
        _ => return Err(Reply::error("ERR Invalid library metadata")),
    };
    let engine = parts[0].get(2..).unwrap_or_default();
    let mut name = None;
    for part in &parts[1..] {
        match part.strip_prefix(b"name=") {
            Some(_) if name.is_some() => {
                return Err(Reply::error(
                    "ERR Invalid metadata value, name argument was given multiple times",
                ))
            }
            Some(n) => name = Some(n.to_vec()),
            None => {
                return Err(Reply::error(format!(
                    "ERR Invalid metadata value given: {}",
                    String::from_utf8_lossy(part)
                )))
            }
        }
    }
    let Some(name) = name else {
        return Err(Reply::error("ERR Library name was not given"));
    };
    if !engine.eq_ignore_ascii_case(b"lua") {
        return Err(Reply::error(format!(
            "ERR Engine '{}' not found",
            String::from_utf8_lossy(engine)
        )));
    }
    if !valid_name(&name) {
        return Err(Reply::error(format!("ERR {NAME_RULE}")));
    }
    Ok((String::from_utf8_lossy(&name).into_owned(), start))
}

/// `redis.register_function(name, callback)` or `redis.register_function{...}`.
fn register_function(
    s: &mut State,
    nargs: usize,
    registration: &Rc<RefCell<Registration>>,
) -> Result<usize, LuaError> {
    let (name, callback, flags, description) = match nargs {
        1 => {
            let Value::Table(t) = s.arg(1) else {
                return Err(raise(s, b"calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments)."));
            };
            named_arguments(s, t)?
        }
        2 => {
            let name = match s.arg(1) {
                v @ (Value::String(_) | Value::Number(_)) => Some(s.raw_tostring(v)),
                _ => {
                    return Err(raise(
                        s,
                        b"first argument to redis.register_function must be a string",
                    ))
                }
            };
            let callback = s.arg(2);
            if !matches!(callback, Value::Function(_)) {
                return Err(raise(
                    s,
                    b"second argument to redis.register_function must be a function",
                ));
            }
            (name, Some(callback), ScriptFlags::default(), None)
        }
        _ => {
            return Err(raise(
                s,
                b"wrong number of arguments to redis.register_function",
            ))
        }
    };
    let Some(name) = name else {
        return Err(raise(
            s,
            b"redis.register_function must get a function name argument",
        ));
    };
    let Some(callback) = callback else {
        return Err(raise(
            s,
            b"redis.register_function must get a callback argument",
        ));
    };
    if !valid_name(&name) {
        return Err(raise(s, NAME_RULE.as_bytes()));
    }
    let name = String::from_utf8_lossy(&name).into_owned();
    if registration
        .borrow()
        .functions
        .iter()
        .any(|f| f.name.eq_ignore_ascii_case(&name))
    {
        return Err(raise(s, b"Function already exists in the library"));
    }
    if let Value::Table(callbacks) = get_registry(s, &library_key("__loading")) {
        set_field(s, callbacks, &name, callback);
    }
    registration.borrow_mut().functions.push(FunctionInfo {
        name,
        description,
        flags: ScriptFlags {
            compat: false,
            ..flags
        },
    });
    Ok(0)
}

type NamedArguments = (Option<Vec<u8>>, Option<Value>, ScriptFlags, Option<Vec<u8>>);

fn named_arguments(s: &mut State, t: TableRef) -> Result<NamedArguments, LuaError> {
    let (mut name, mut callback, mut flags, mut description) =
        (None, None, ScriptFlags::default(), None);
    let mut key = Value::Nil;
    while let Ok(Some((k, v))) = s.heap.table(t).next(key) {
        key = k;
        let k = match k {
            Value::String(ks) => s.heap.str(ks).to_vec(),
            _ => {
                return Err(raise(
                    s,
                    b"unknown argument given to redis.register_function",
                ))
            }
        };
        match k.as_slice() {
            b"function_name" => {
                match v {
                    Value::String(_) | Value::Number(_) => name = Some(s.raw_tostring(v)),
                    _ => return Err(raise(
                        s,
                        b"function_name argument given to redis.register_function must be a string",
                    )),
                }
            }
            b"description" => {
                match v {
                    Value::String(_) | Value::Number(_) => description = Some(s.raw_tostring(v)),
                    _ => return Err(raise(
                        s,
                        b"description argument given to redis.register_function must be a string",
                    )),
                }
            }
            b"callback" => {
                match v {
                    Value::Function(_) => callback = Some(v),
                    _ => return Err(raise(
                        s,
                        b"callback argument given to redis.register_function must be a function",
                    )),
                }
            }
            b"flags" => {
                let Value::Table(ft) = v else {
                    return Err(raise(s, b"flags argument to redis.register_function must be a table representing function flags"));
                };
                let mut i = 1;
                loop {
                    match s.heap.table(ft).get_int(i) {
                        Value::Nil => break,
                        Value::String(fs) => {
                            let f = s.heap.str(fs).to_vec();
                            if !flags.set(&f) {
                                return Err(raise(s, b"unknown flag given"));
                            }
                        }
                        _ => return Err(raise(s, b"unknown flag given")),
                    }
                    i += 1;
                }
            }
            _ => {
                return Err(raise(
                    s,
                    b"unknown argument given to redis.register_function",
                ))
            }
        }
    }
    Ok((name, callback, flags, description))
}
