//! EVAL, EVALSHA, their `_RO` variants and SCRIPT (Redis's eval.c): the
//! script cache by SHA1, shebang flags, and the checks before a run.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use lua_core::Value;

use crate::context::{EngineShared, EngineStats, ScriptFlags};
use crate::engine::{LuaEngine, RunSetup};
use crate::host::CommandHost;
use crate::lua_api::{sha1_hex, ApiKind};
use crate::reply::Reply;
use crate::{sandbox, shebang};

/// The error for a missing script.
pub const NOSCRIPT: &str = "NOSCRIPT No matching script. Please use EVAL.";

const SCRIPT_HELP: [&str; 17] = [
    "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "DEBUG (YES|SYNC|NO)",
    "    Set the debug mode for subsequent scripts executed.",
    "EXISTS <sha1> [<sha1> ...]",
    "    Return information about the existence of the scripts in the script cache.",
    "FLUSH [ASYNC|SYNC]",
    "    Flush the Lua scripts cache. Very dangerous on replicas.",
    "    When called without the optional mode argument, the behavior is determined by the",
    "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
    "    * ASYNC: Asynchronously flush the scripts cache.",
    "    * SYNC: Synchronously flush the scripts cache.",
    "KILL",
    "    Kill the currently executing Lua script.",
    "LOAD <script>",
    "    Load a script into the scripts cache without executing it.",
    "HELP",
    "    Prints this help.",
];

/// Which EVAL-family command runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvalKind {
    /// EVALSHA / EVALSHA_RO: argv[1] is a SHA1.
    pub by_sha: bool,
    /// EVAL_RO / EVALSHA_RO.
    pub read_only: bool,
}

/// The EVAL engine: one Lua state, reused by every script, and the cache of
/// compiled scripts (the functions live in the state's registry as `f_<sha>`).
pub struct Scripts<H> {
    engine: LuaEngine<H>,
    /// The cached scripts by lowercase SHA1.
    cache: HashMap<String, Cached, BuildHasherDefault<ShaHasher>>,
    body_bytes: usize,
    shared: EngineShared,
    /// The names `KEYS` and `ARGV`, interned once: the globals table keeps them.
    keys_name: Value,
    argv_name: Value,
}

/// Hashes the cache's keys, SHA1s in hex, by their first 16 digits: they are
/// spread evenly already, and no client can choose a SHA1 to flood the table.
#[derive(Default)]
pub struct ShaHasher(u64);

impl Hasher for ShaHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().take(16) {
            self.0 = self.0.wrapping_mul(31).wrapping_add(u64::from(b));
        }
    }
}

/// A compiled script in the cache.
struct Cached {
    flags: ScriptFlags,
    /// The compiled function, which the registry keeps alive.
    f: Value,
}

impl<H: CommandHost + 'static> Default for Scripts<H> {
    fn default() -> Self {
        Scripts::new()
    }
}

/// Redis's `string2ll`: an optional `-`, digits without a leading zero,
/// nothing else.
pub fn strict_i64(arg: &[u8]) -> Option<i64> {
    let digits = arg.strip_prefix(b"-").unwrap_or(arg);
    let canonical = match digits {
        [b'0'] => arg.len() == 1,
        [first, ..] => first.is_ascii_digit() && *first != b'0',
        [] => false,
    };
    if !canonical || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(arg).ok()?.parse().ok()
}

/// Parses numkeys as EVAL does.
pub fn parse_numkeys(arg: &[u8], available: usize) -> Result<usize, Reply> {
    let n = strict_i64(arg)
        .ok_or_else(|| Reply::error("ERR value is not an integer or out of range"))?;
    if n > available as i64 {
        return Err(Reply::error(
            "ERR Number of keys can't be greater than number of args",
        ));
    }
    if n < 0 {
        return Err(Reply::error("ERR Number of keys can't be negative"));
    }
    Ok(n as usize)
}

/// A Lua array of strings (KEYS, ARGV).
pub fn string_array<H, A: AsRef<[u8]>>(engine: &mut LuaEngine<H>, items: &[A]) -> Value {
    let s = &mut engine.lua.state;
    let t = s.heap.new_table(items.len(), 0);
    for (i, item) in items.iter().enumerate() {
        let v = s.str_value(item.as_ref());
        s.heap.table_mut(t).set_int(i as i64 + 1, v);
    }
    Value::Table(t)
}

impl<H: CommandHost + 'static> Scripts<H> {
    /// An empty cache over a fresh Lua state.
    pub fn new() -> Scripts<H> {
        Scripts::with_shared(EngineShared::default())
    }

    /// An empty cache that reports its figures into `shared.stats` and draws
    /// random numbers from `shared.rand`.
    pub fn with_shared(shared: EngineShared) -> Scripts<H> {
        let mut engine = LuaEngine::new(ApiKind::Eval, shared.rand.clone());
        let mut global = |name: &str| {
            let s = &mut engine.lua.state;
            let k = s.str_value(name.as_bytes());
            let empty = Value::Table(s.heap.new_table(0, 0));
            sandbox::set_protected_global(s, k, empty);
            k
        };
        let (keys_name, argv_name) = (global("KEYS"), global("ARGV"));
        let scripts = Scripts {
            engine,
            cache: HashMap::default(),
            body_bytes: 0,
            shared,
            keys_name,
            argv_name,
        };
        scripts.report();
        scripts
    }

    /// Publishes the cache's figures.
    fn report(&self) {
        self.shared.stats.set(EngineStats {
            eval_memory: self.memory_used(),
            eval_scripts: self.cache.len(),
            eval_body_bytes: self.body_bytes,
            ..self.shared.stats.get()
        });
    }

    /// Number of cached scripts (INFO's `number_of_cached_scripts`).
    pub fn len(&self) -> usize {
        self.cache.len()
    }

    /// Whether no script is cached.
    pub fn is_empty(&self) -> bool {
        self.cache.is_empty()
    }

    /// Bytes the Lua state holds (INFO's `used_memory_lua`).
    pub fn memory_used(&self) -> usize {
        self.engine.lua.memory_used()
    }

    /// Limits the bytes the EVAL Lua state may hold (see
    /// [`LuaEngine::set_memory_limit`]).
    pub fn set_memory_limit(&mut self, bytes: usize) {
        self.engine.set_memory_limit(bytes);
    }

    /// Bytes of the cached script bodies (INFO's `used_memory_scripts`).
    pub fn body_bytes(&self) -> usize {
        self.body_bytes
    }

    /// Compiles and caches `body` unless cached; returns its SHA1.
    pub fn load(&mut self, body: &[u8]) -> Result<String, Reply> {
        let sha = sha1_hex(body);
        if self.cache.contains_key(&sha) {
            return Ok(sha);
        }
        let (flags, code_start) = shebang_flags(body)?;
        let f = self
            .engine
            .lua
            .load(&body[code_start..], b"@user_script")
            .map_err(|e| compile_error("ERR Error compiling script (new function): ", e))?;
        let s = &mut self.engine.lua.state;
        let k = s.str_value(format!("f_{sha}").as_bytes());
        let registry = s.registry;
        let _ = s.heap.table_mut(registry).set(k, f);
        self.body_bytes += body.len();
        self.cache.insert(sha.clone(), Cached { flags, f });
        self.report();
        Ok(sha)
    }

    /// EVAL / EVALSHA / EVAL_RO / EVALSHA_RO with the full `argv` (any byte strings: the
    /// server's own, without a copy); `in_transaction` when EXEC runs it.
    pub fn eval<A: AsRef<[u8]>>(
        &mut self,
        mut host: H,
        argv: &[A],
        kind: EvalKind,
        in_transaction: bool,
    ) -> (H, Reply) {
        let (Some(script), Some(numkeys)) = (argv.get(1), argv.get(2)) else {
            return (host, Reply::error("ERR wrong number of arguments"));
        };
        let (script, numkeys) = (script.as_ref(), numkeys.as_ref());
        let numkeys = match parse_numkeys(numkeys, argv.len() - 3) {
            Ok(n) => n,
            Err(e) => return (host, e),
        };
        let loaded;
        let sha = if kind.by_sha {
            match lowercase_sha(script) {
                Some(sha) => sha,
                None => return (host, Reply::error(NOSCRIPT)),
            }
        } else {
            match self.load(script) {
                Ok(sha) => {
                    loaded = sha;
                    Sha::Owned(&loaded)
                }
                Err(e) => return (host, e),
            }
        };
        let name = sha.as_str();
        let Some(cached) = self.cache.get(name) else {
            return (host, Reply::error(NOSCRIPT));
        };
        let (flags, f) = (cached.flags, cached.f);
        let oom = host.over_memory_limit();
        if let Err(e) = check_before_run(flags, kind.read_only, oom, in_transaction) {
            return (host, e);
        }
        self.set_array_global(self.keys_name, &argv[3..3 + numkeys]);
        self.set_array_global(self.argv_name, &argv[3 + numkeys..]);
        let setup = RunSetup {
            read_only: kind.read_only || flags.no_writes,
            allow_oom: flags.allow_oom,
            oom_at_start: oom,
            name,
        };
        let done = self.engine.run(host, f, &[], setup);
        self.report();
        done
    }

    /// Sets the global `name` (KEYS or ARGV) to an array of `items`. The table of
    /// the last run is refilled when it is still a plain array of this length: no
    /// run can reach the table of another (the globals and everything reachable
    /// from them are read-only), so only the contents matter.
    fn set_array_global<A: AsRef<[u8]>>(&mut self, name: Value, items: &[A]) {
        let s = &mut self.engine.lua.state;
        if let Value::Table(t) = s.heap.table(s.globals).get(name) {
            let tab = s.heap.table(t);
            let rest = match tab.array_len() {
                0 => tab.next(Value::Nil),
                n => tab.next(Value::Number(n as f64)),
            };
            if tab.array_len() == items.len()
                && matches!(rest, Ok(None))
                && tab.metatable.is_none()
                && !tab.readonly
            {
                for (i, item) in items.iter().enumerate() {
                    let v = s.str_value(item.as_ref());
                    s.heap.table_mut(t).set_int(i as i64 + 1, v);
                }
                return;
            }
        }
        let t = string_array(&mut self.engine, items);
        sandbox::set_protected_global(&mut self.engine.lua.state, name, t);
    }

    /// SCRIPT LOAD / EXISTS / FLUSH / KILL / DEBUG / HELP (argv[0] is SCRIPT);
    /// `in_transaction` when EXEC runs it.
    pub fn script(&mut self, argv: &[&[u8]], in_transaction: bool) -> Reply {
        let sub = argv
            .get(1)
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default();
        match (sub.as_slice(), argv.len()) {
            (b"load", 3) => match self.load(argv[2]) {
                Ok(sha) => Reply::bulk(sha),
                Err(e) => e,
            },
            (b"exists", _) => Reply::Array(
                argv[2..]
                    .iter()
                    .map(|sha| {
                        let known = lowercase_sha(sha)
                            .is_some_and(|sha| self.cache.contains_key(sha.as_str()));
                        Reply::Integer(i64::from(known))
                    })
                    .collect(),
            ),
            (b"flush", 2) => self.flush(),
            (b"flush", 3)
                if argv[2].eq_ignore_ascii_case(b"sync")
                    || argv[2].eq_ignore_ascii_case(b"async") =>
            {
                self.flush()
            }
            (b"flush", _) => Reply::error("ERR SCRIPT FLUSH only support SYNC|ASYNC option"),
            (b"kill", _) => Reply::error("NOTBUSY No scripts in execution right now."),
            (b"debug", _) if in_transaction => {
                Reply::error("ERR SCRIPT DEBUG must be called outside a pipeline")
            }
            (b"debug", 3) if argv[2].eq_ignore_ascii_case(b"no") => Reply::ok(),
            (b"debug", 3)
                if argv[2].eq_ignore_ascii_case(b"yes")
                    || argv[2].eq_ignore_ascii_case(b"sync") =>
            {
                Reply::error("ERR SCRIPT DEBUG is not supported by redmoon")
            }
            (b"debug", _) => Reply::error("ERR Use SCRIPT DEBUG YES/SYNC/NO"),
            (b"help", 2) => Reply::Array(SCRIPT_HELP.iter().map(|l| Reply::status(l)).collect()),
            _ => Reply::error(format!(
                "ERR unknown subcommand '{}'. Try SCRIPT HELP.",
                String::from_utf8_lossy(argv.get(1).copied().unwrap_or_default())
            )),
        }
    }

    /// SCRIPT FLUSH: a new Lua state and an empty cache.
    pub fn flush(&mut self) -> Reply {
        *self = Scripts::with_shared(self.shared.clone());
        Reply::ok()
    }
}

/// A script's SHA1 as the cache keys it: lowercase hex.
enum Sha<'a> {
    /// Lowercased from a client's argument, without allocating.
    Given([u8; 40]),
    /// As `load` returned it.
    Owned(&'a str),
}

impl Sha<'_> {
    fn as_str(&self) -> &str {
        match self {
            // Only ASCII hex digits are ever stored (see `lowercase_sha`).
            Sha::Given(b) => std::str::from_utf8(b).unwrap_or_default(),
            Sha::Owned(s) => s,
        }
    }
}

/// `sha` lowercased, when it can name a cached script (40 hex digits).
fn lowercase_sha(sha: &[u8]) -> Option<Sha<'static>> {
    let mut out = [0u8; 40];
    if sha.len() != out.len() || !sha.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    for (o, c) in out.iter_mut().zip(sha) {
        *o = c.to_ascii_lowercase();
    }
    Some(Sha::Given(out))
}

/// Parses a script's shebang into its flags and the offset of its code.
pub fn shebang_flags(body: &[u8]) -> Result<(ScriptFlags, usize), Reply> {
    let Some((parts, start)) = shebang::parse(body).map_err(Reply::error)? else {
        let flags = ScriptFlags {
            compat: true,
            ..ScriptFlags::default()
        };
        return Ok((flags, 0));
    };
    if parts[0] != b"#!lua" {
        let mut msg = b"ERR Unexpected engine in script shebang: ".to_vec();
        msg.extend_from_slice(&parts[0]);
        return Err(Reply::Error(msg));
    }
    let mut flags = ScriptFlags::default();
    for part in &parts[1..] {
        let Some(list) = part.strip_prefix(b"flags=") else {
            let mut msg = b"ERR Unknown lua shebang option: ".to_vec();
            msg.extend_from_slice(part);
            return Err(Reply::Error(msg));
        };
        if list.is_empty() {
            continue;
        }
        for flag in list.split(|&b| b == b',') {
            if !flags.set(flag) {
                let mut msg = b"ERR Unexpected flag in script shebang: ".to_vec();
                msg.extend_from_slice(flag);
                return Err(Reply::Error(msg));
            }
        }
    }
    Ok((flags, start))
}

/// The checks before a script with `flags` runs, for a server with no
/// replication and no cluster. Over `maxmemory`, a client's command is refused
/// by the command-level check (processCommand); one that EXEC runs reaches
/// the script-level check (scriptPrepareForRun), which words it differently.
pub fn check_before_run(
    flags: ScriptFlags,
    ro_command: bool,
    oom: bool,
    in_transaction: bool,
) -> Result<(), Reply> {
    if flags.compat {
        return Ok(());
    }
    if oom && !flags.allow_oom && !flags.no_writes {
        return Err(Reply::error(if in_transaction {
            "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'"
        } else {
            "OOM command not allowed when used memory > 'maxmemory'."
        }));
    }
    if ro_command && !flags.no_writes {
        return Err(Reply::error(
            "ERR Can not execute a script with write flag using *_ro command.",
        ));
    }
    Ok(())
}

/// A compile error reply: `prefix` then the compiler's message.
pub fn compile_error(prefix: &str, e: lua_core::Error) -> Reply {
    let mut msg = prefix.as_bytes().to_vec();
    match e {
        lua_core::Error::Compile(m) => msg.extend_from_slice(&m),
        other => msg.extend_from_slice(other.to_string().as_bytes()),
    }
    Reply::Error(msg)
}
