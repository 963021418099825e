//! The command table: each command's handler and its metadata.
//!
//! Arity, flags, key positions, ACL categories and docs are Redis 7.0's own, recorded from
//! a real redis-server by `data/record-commands.py` (COMMAND and COMMAND DOCS as RESP3).
//! Only commands that have a handler are exposed; the scripting host adds its commands
//! (EVAL, FUNCTION, ...) as extension handlers.

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use crate::client::Client;
use crate::executor::Exec;
use crate::reply::Reply;

/// A built-in command handler.
pub type Handler = fn(&mut Exec, &mut Client, &[Bytes]) -> Reply;

/// A handler that carries state of its own (the scripting host's commands).
pub type ExtensionHandler = Arc<dyn Fn(&mut Exec, &mut Client, &[Bytes]) -> Reply + Send + Sync>;

/// The code that runs a command.
#[derive(Clone)]
pub enum CommandFn {
    /// A built-in command.
    Builtin(Handler),
    /// A command added by an embedder.
    Extension(ExtensionHandler),
}

/// Command flags, as COMMAND INFO names them.
pub mod flags {
    /// Writes to the keyspace.
    pub const WRITE: u32 = 1;
    /// Only reads.
    pub const READONLY: u32 = 1 << 1;
    /// Refused when memory is over `maxmemory`.
    pub const DENYOOM: u32 = 1 << 2;
    /// Administrative.
    pub const ADMIN: u32 = 1 << 3;
    /// Pub/sub.
    pub const PUBSUB: u32 = 1 << 4;
    /// Not callable from scripts.
    pub const NOSCRIPT: u32 = 1 << 5;
    /// May block the client.
    pub const BLOCKING: u32 = 1 << 6;
    /// Runs in O(1) or O(log N).
    pub const FAST: u32 = 1 << 7;
    /// Allowed before authentication.
    pub const NO_AUTH: u32 = 1 << 8;
    /// May replicate (refused from read-only scripts).
    pub const MAY_REPLICATE: u32 = 1 << 9;
    /// Not allowed inside MULTI.
    pub const NO_MULTI: u32 = 1 << 10;
    /// Key positions are not given by first/last/step alone.
    pub const MOVABLE_KEYS: u32 = 1 << 11;
    /// Allowed while a script is busy.
    pub const ALLOW_BUSY: u32 = 1 << 12;
    /// Allowed while loading.
    pub const LOADING: u32 = 1 << 13;
    /// Allowed on a stale replica.
    pub const STALE: u32 = 1 << 14;

    /// The flag called `name` in COMMAND INFO.
    pub fn from_name(name: &[u8]) -> u32 {
        match name {
            b"write" => WRITE,
            b"readonly" => READONLY,
            b"denyoom" => DENYOOM,
            b"admin" => ADMIN,
            b"pubsub" => PUBSUB,
            b"noscript" => NOSCRIPT,
            b"blocking" => BLOCKING,
            b"fast" => FAST,
            b"no_auth" => NO_AUTH,
            b"may_replicate" => MAY_REPLICATE,
            b"no_multi" => NO_MULTI,
            b"movablekeys" => MOVABLE_KEYS,
            b"allow_busy" => ALLOW_BUSY,
            b"loading" => LOADING,
            b"stale" => STALE,
            _ => 0,
        }
    }
}

/// A command (or subcommand) with its Redis metadata.
#[derive(Clone)]
pub struct Command {
    /// Full lowercase name (`get`, `config|get`).
    pub name: String,
    /// Index of the command in the table (for per-command statistics).
    pub id: usize,
    /// Redis arity: exact count when positive, minimum count when negative.
    pub arity: i64,
    /// Bit set of [`flags`].
    pub flags: u32,
    /// Position of the first key (0 when none).
    pub first_key: i64,
    /// Position of the last key (negative counts from the end).
    pub last_key: i64,
    /// Step between keys.
    pub key_step: i64,
    /// ACL categories, without the `@`.
    pub categories: Vec<String>,
    /// The COMMAND INFO entry, as recorded.
    pub info: Reply,
    /// The COMMAND DOCS entry, as recorded.
    pub docs: Option<Reply>,
    /// Subcommands by lowercase name.
    pub subcommands: HashMap<String, Command>,
    /// The handler; subcommands share their container's.
    pub handler: Option<CommandFn>,
}

impl Command {
    /// Whether this command has `flag`.
    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// Whether `argc` arguments (name included) satisfy the arity.
    pub fn arity_ok(&self, argc: usize) -> bool {
        redis_host::host::arity_ok(self.arity, argc)
    }

    /// Positions of the keys in `argv` from first/last/step.
    pub fn key_positions(&self, argc: usize) -> impl Iterator<Item = usize> {
        let argc = argc as i64;
        let (first, step) = if self.first_key <= 0 || self.key_step <= 0 {
            (1, 1)
        } else {
            (self.first_key, self.key_step)
        };
        let last = if self.first_key <= 0 || self.key_step <= 0 {
            0
        } else if self.last_key < 0 {
            argc + self.last_key
        } else {
            self.last_key.min(argc - 1)
        };
        (first..=last)
            .step_by(step as usize)
            .filter(move |&i| i < argc)
            .map(|i| i as usize)
    }
}

/// Buckets of the command index (a power of two, about twice the commands).
const INDEX_BUCKETS: usize = 512;

/// The index bucket of a command name, the same for any case of it: from its length
/// and its first, second and last bytes (ASCII letters folded to lowercase), which
/// spread Redis's names with few collisions, without hashing or copying the name.
fn bucket(name: &[u8]) -> usize {
    let fold = |b: Option<&u8>| usize::from(b.copied().unwrap_or(0) | 0x20);
    let h = name.len().wrapping_mul(0x9e37)
        ^ fold(name.first()).wrapping_mul(0x3b1)
        ^ fold(name.get(1)).wrapping_mul(0x61)
        ^ fold(name.last()).wrapping_mul(0x0d);
    h % INDEX_BUCKETS
}

/// Where a command with a handler sits in its [`CommandTable`]: found once by name,
/// then used without another lookup (a script's `redis.call` checks and runs it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandIndex(usize);

/// The table of every command the server answers.
#[derive(Clone)]
pub struct CommandTable {
    /// The commands with a handler; a [`CommandIndex`] is a position here.
    commands: Vec<Command>,
    /// Positions in `commands` by [`bucket`] of their names.
    index: Vec<Vec<usize>>,
    /// Redis commands without a handler yet, for extensions to claim.
    unclaimed: HashMap<String, Command>,
    /// The next command id to give.
    next_id: usize,
}

const INFO_DATA: &[u8] = include_bytes!("../data/command-info.resp");
const DOCS_DATA: &[u8] = include_bytes!("../data/command-docs.resp");

impl CommandTable {
    /// The table of every built-in command.
    pub fn builtin() -> Result<CommandTable, String> {
        CommandTable::new(&crate::cmd::handlers())
    }

    /// Builds the table from the recorded metadata and the given handlers.
    pub fn new(handlers: &[(&str, Handler)]) -> Result<CommandTable, String> {
        let mut known: HashMap<String, Command> = HashMap::new();
        let infos = match parse_reply(INFO_DATA) {
            Some((Reply::Array(items), _)) => items,
            _ => return Err("recorded command info is malformed".into()),
        };
        let mut docs: HashMap<Vec<u8>, Reply> = match parse_reply(DOCS_DATA) {
            Some((Reply::Map(pairs), _)) => pairs
                .into_iter()
                .filter_map(|(k, v)| match k {
                    Reply::Bulk(name) => Some((name, v)),
                    _ => None,
                })
                .collect(),
            _ => return Err("recorded command docs are malformed".into()),
        };
        for info in infos {
            let cmd = command_from_info(info, &mut docs)
                .ok_or_else(|| "recorded command entry is malformed".to_string())?;
            known.insert(cmd.name.clone(), cmd);
        }
        let mut next_id = 0;
        for cmd in known.values_mut() {
            cmd.id = next_id;
            next_id += 1;
            for sub in cmd.subcommands.values_mut() {
                sub.id = next_id;
                next_id += 1;
            }
        }
        let mut table = CommandTable {
            commands: Vec::new(),
            index: vec![Vec::new(); INDEX_BUCKETS],
            unclaimed: known,
            next_id,
        };
        for (name, handler) in handlers {
            table.claim(name, CommandFn::Builtin(*handler))?;
        }
        Ok(table)
    }

    fn claim(&mut self, name: &str, handler: CommandFn) -> Result<(), String> {
        let mut cmd = self
            .unclaimed
            .remove(name)
            .ok_or_else(|| format!("no Redis metadata for command '{name}'"))?;
        cmd.handler = Some(handler);
        self.put(cmd);
        Ok(())
    }

    /// Adds `cmd`, replacing the command of the same name.
    fn put(&mut self, cmd: Command) {
        match self.position(cmd.name.as_bytes()) {
            Some(CommandIndex(i)) => self.commands[i] = cmd,
            None => {
                if let Some(b) = self.index.get_mut(bucket(cmd.name.as_bytes())) {
                    b.push(self.commands.len());
                }
                self.commands.push(cmd);
            }
        }
    }

    /// Adds (or replaces) the handler of a Redis command, such as EVAL from the
    /// scripting host. The command must be one Redis 7.0 knows.
    pub fn add_extension(&mut self, name: &str, handler: ExtensionHandler) -> Result<(), String> {
        let name = name.to_ascii_lowercase();
        if let Some(CommandIndex(i)) = self.position(name.as_bytes()) {
            self.commands[i].handler = Some(CommandFn::Extension(handler));
            return Ok(());
        }
        self.claim(&name, CommandFn::Extension(handler))
    }

    /// Adds a command that Redis does not have, with explicit metadata (used by tests
    /// for a deliberately slow command).
    pub fn add_custom(&mut self, name: &str, arity: i64, flags: u32, handler: ExtensionHandler) {
        let name = name.to_ascii_lowercase();
        let info = Reply::Array(vec![
            Reply::bulk(name.as_bytes()),
            Reply::Integer(arity),
            Reply::Set(Vec::new()),
            Reply::Integer(0),
            Reply::Integer(0),
            Reply::Integer(0),
            Reply::Set(Vec::new()),
            Reply::Set(Vec::new()),
            Reply::Array(Vec::new()),
            Reply::Array(Vec::new()),
        ]);
        self.put(Command {
            name,
            id: self.next_id,
            arity,
            flags,
            first_key: 0,
            last_key: 0,
            key_step: 0,
            categories: Vec::new(),
            info,
            docs: None,
            subcommands: HashMap::new(),
            handler: Some(CommandFn::Extension(handler)),
        });
        self.next_id += 1;
    }

    /// Where the command called `name` (any case) is, if it has a handler.
    pub fn position(&self, name: &[u8]) -> Option<CommandIndex> {
        self.index
            .get(bucket(name))?
            .iter()
            .copied()
            .find(|&i| {
                self.commands
                    .get(i)
                    .is_some_and(|c| c.name.as_bytes().eq_ignore_ascii_case(name))
            })
            .map(CommandIndex)
    }

    /// The command at `at`.
    pub fn at(&self, at: CommandIndex) -> Option<&Command> {
        self.commands.get(at.0)
    }

    /// The command called `name` (any case), if it has a handler.
    pub fn get(&self, name: &[u8]) -> Option<&Command> {
        self.position(name).and_then(|at| self.at(at))
    }

    /// The Redis metadata of the command called `name` (any case), whether or not it
    /// has a handler (scripts refuse `noscript` commands before looking further).
    pub fn metadata(&self, name: &[u8]) -> Option<&Command> {
        if let Some(cmd) = self.get(name) {
            return Some(cmd);
        }
        let lower = String::from_utf8_lossy(name).to_ascii_lowercase();
        self.unclaimed.get(&lower)
    }

    /// Whether `cmd` (or the command containing it) runs an extension's handler.
    pub fn is_extension(&self, cmd: &Command) -> bool {
        let handler = match &cmd.handler {
            Some(h) => Some(h),
            None => {
                let container = cmd.name.split('|').next().unwrap_or("");
                self.get(container.as_bytes())
                    .and_then(|c| c.handler.as_ref())
            }
        };
        matches!(handler, Some(CommandFn::Extension(_)))
    }

    /// Every command with a handler.
    pub fn iter(&self) -> impl Iterator<Item = &Command> {
        self.commands.iter()
    }
}

fn command_from_info(info: Reply, docs: &mut HashMap<Vec<u8>, Reply>) -> Option<Command> {
    let Reply::Array(fields) = &info else {
        return None;
    };
    let text = |r: &Reply| match r {
        Reply::Bulk(b) => Some(String::from_utf8_lossy(b).into_owned()),
        Reply::Status(b) => Some(String::from_utf8_lossy(b).into_owned()),
        _ => None,
    };
    let int = |r: &Reply| match r {
        Reply::Integer(n) => Some(*n),
        _ => None,
    };
    let list = |r: &Reply| match r {
        Reply::Set(items) | Reply::Array(items) => items.iter().filter_map(text).collect(),
        _ => Vec::<String>::new(),
    };
    let name = text(fields.first()?)?;
    let flag_bits = list(fields.get(2)?)
        .iter()
        .fold(0, |acc, f| acc | flags::from_name(f.as_bytes()));
    let mut subcommands = HashMap::new();
    if let Some(Reply::Array(subs)) = fields.get(9) {
        for sub in subs {
            let cmd = command_from_info(sub.clone(), docs)?;
            let short = cmd.name.split('|').nth(1).unwrap_or("").to_string();
            subcommands.insert(short, cmd);
        }
    }
    let doc = docs.remove(name.as_bytes());
    Some(Command {
        arity: int(fields.get(1)?)?,
        flags: flag_bits,
        first_key: int(fields.get(3)?)?,
        last_key: int(fields.get(4)?)?,
        key_step: int(fields.get(5)?)?,
        categories: list(fields.get(6)?)
            .into_iter()
            .map(|c| c.trim_start_matches('@').to_string())
            .collect(),
        name,
        id: 0,
        docs: doc,
        subcommands,
        handler: None,
        info,
    })
}

/// Parses one RESP3 reply from the front of `data`; returns it and the bytes used.
pub fn parse_reply(data: &[u8]) -> Option<(Reply, usize)> {
    let eol = data.windows(2).position(|w| w == b"\r\n")?;
    let line = data.get(1..eol)?;
    let rest = eol + 2;
    let num = || -> Option<i64> { std::str::from_utf8(line).ok()?.parse().ok() };
    let items = |n: i64, per: usize| -> Option<(Vec<Reply>, usize)> {
        let mut pos = rest;
        let mut out = Vec::new();
        for _ in 0..(n.max(0) as usize * per) {
            let (r, used) = parse_reply(data.get(pos..)?)?;
            out.push(r);
            pos += used;
        }
        Some((out, pos))
    };
    match data.first()? {
        b'+' => Some((Reply::Status(line.to_vec().into()), rest)),
        b'-' => Some((Reply::Error(line.to_vec()), rest)),
        b':' => Some((Reply::Integer(num()?), rest)),
        b'_' => Some((Reply::Null, rest)),
        b'$' => {
            let n = num()?;
            if n < 0 {
                return Some((Reply::Null, rest));
            }
            let end = rest + n as usize;
            Some((Reply::Bulk(data.get(rest..end)?.to_vec()), end + 2))
        }
        b'*' => {
            let (v, pos) = items(num()?, 1)?;
            Some((Reply::Array(v), pos))
        }
        b'~' => {
            let (v, pos) = items(num()?, 1)?;
            Some((Reply::Set(v), pos))
        }
        b'%' => {
            let (v, pos) = items(num()?, 2)?;
            let mut pairs = Vec::new();
            let mut it = v.into_iter();
            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                pairs.push((k, v));
            }
            Some((Reply::Map(pairs), pos))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_found_by_its_name_in_any_case() {
        let table = CommandTable::builtin().unwrap();
        for cmd in table.iter() {
            for name in [cmd.name.clone(), cmd.name.to_ascii_uppercase()] {
                let found = table.get(name.as_bytes()).map(|c| c.name.as_str());
                assert_eq!(found, Some(cmd.name.as_str()));
            }
        }
        assert!(table.get(b"nosuchcommand").is_none());
        assert!(table.get(b"").is_none());
        assert!(table.get(b"ge").is_none());
    }
}
