//! The undo log of a running script, so that SCRIPT KILL / FUNCTION KILL can stop a
//! script that already wrote and leave the data set exactly as it was before the script.
//!
//! Before a write command called from the script touches a key for the first time, the
//! key's prior state (its entry with its TTL, or "absent") is saved; before a command that
//! replaces whole databases (FLUSHDB, FLUSHALL, SWAPDB) the databases are saved, or the
//! swap recorded. A kill replays the log backwards. The log lives only while the script
//! runs; `script-kill-rollback no` turns it off (and SCRIPT KILL of a script that wrote
//! answers `-UNKILLABLE`, as Redis does).
//!
//! A log that would pass `script-kill-rollback-max-memory` is given up (unless a kill
//! was already accepted): the script then runs on unkillable once it wrote, as in Redis.
//!
//! What is not undone: the dirty counter and the statistics (the writes did happen),
//! WATCHed keys the script touched (they stay dirty, as after any write), messages it
//! published, and keys evicted or expired meanwhile.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use bytes::Bytes;

use crate::client::Client;
use crate::command::{flags, Command};
use crate::compact::CompactBytes;
use crate::db::{Db, SavedKey};
use crate::executor::{keys_of, Exec};
use crate::frame::parse_i64;

/// Above this many saved keys, finding whether a key was saved uses a hash set.
const LINEAR_SEARCH_MAX: usize = 32;

/// FNV-1a over the key and its database: the keys come from the script itself, so a
/// flood of colliding keys could only slow that script (which SCRIPT KILL stops).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type KeyHasher = BuildHasherDefault<Fnv>;

/// One step to take back.
enum Step {
    /// Put a key back as it was (absent when `None`).
    Key {
        db: usize,
        /// Short keys inline: saving one allocates nothing.
        key: CompactBytes,
        /// [`key_hash`] of `db` and `key`, compared first when searching.
        hash: u64,
        prior: Option<SavedKey>,
    },
    /// Put a whole database back (before FLUSHDB).
    Db { db: usize, prior: Box<Db> },
    /// Put every database back (before FLUSHALL).
    All { prior: Vec<Db> },
    /// Swap two databases back (SWAPDB).
    Swap(usize, usize),
}

/// What a running script changed, to take back if it is killed.
pub struct UndoLog {
    steps: Vec<Step>,
    /// The keys saved since the last whole-database step, once there are many.
    index: HashSet<(usize, CompactBytes), KeyHasher>,
    /// How many `Step::Key` follow the last whole-database step.
    keys_since_db_step: usize,
    /// Estimated bytes the log holds.
    bytes: usize,
    /// Most bytes it may hold (`script-kill-rollback-max-memory`).
    max_bytes: usize,
    /// Whether it was given up for its size.
    given_up: bool,
}

impl UndoLog {
    /// An empty log that may hold up to `max_bytes`.
    pub fn new(max_bytes: u64) -> UndoLog {
        UndoLog {
            steps: Vec::new(),
            index: HashSet::default(),
            keys_since_db_step: 0,
            bytes: 0,
            max_bytes: usize::try_from(max_bytes).unwrap_or(usize::MAX),
            given_up: false,
        }
    }

    /// Saves what the write command `cmd` (about to run for `client` with `argv`) may
    /// change and was not saved yet.
    pub fn save(&mut self, ex: &Exec, client: &Client, cmd: &Command, argv: &[Bytes]) {
        if self.given_up {
            return;
        }
        let db = client.db.min(ex.dbs.len() - 1);
        match cmd.name.as_str() {
            "flushdb" => {
                if self.room_for(ex, ex.dbs[db].memory()) {
                    let prior = Box::new(ex.dbs[db].clone());
                    self.whole_db_step(Step::Db { db, prior });
                }
            }
            "flushall" => {
                if self.room_for(ex, ex.dbs.iter().map(Db::memory).sum()) {
                    let prior = ex.dbs.clone();
                    self.whole_db_step(Step::All { prior });
                }
            }
            // SWAPDB is recorded once it succeeded (see `ran`).
            "swapdb" => {}
            "move" => {
                let key = argv.get(1).map_or(&[][..], |k| k.as_ref());
                self.save_key(ex, db, key);
                if let Some(target) = db_arg(ex, argv.get(2)) {
                    self.save_key(ex, target, key);
                }
            }
            "copy" => {
                let dst = argv.get(2).map_or(&[][..], |k| k.as_ref());
                self.save_key(ex, db, dst);
                let target = argv
                    .iter()
                    .position(|a| a.eq_ignore_ascii_case(b"db"))
                    .and_then(|i| db_arg(ex, argv.get(i + 1)));
                if let Some(target) = target {
                    self.save_key(ex, target, dst);
                }
            }
            // Their STORE / STOREDIST destination is not in `keys_of`; an argument
            // that only looks like the option saves a key needlessly, harmlessly.
            "georadius" | "georadiusbymember" => {
                self.save_key(ex, db, argv.get(1).map_or(&[][..], |k| k.as_ref()));
                for (i, a) in argv.iter().enumerate().skip(2) {
                    if a.eq_ignore_ascii_case(b"store") || a.eq_ignore_ascii_case(b"storedist") {
                        if let Some(dst) = argv.get(i + 1) {
                            self.save_key(ex, db, dst);
                        }
                    }
                }
            }
            _ if cmd.has(flags::MOVABLE_KEYS) => {
                for key in keys_of(cmd, argv) {
                    self.save_key(ex, db, &key);
                }
            }
            _ => {
                for i in cmd.key_positions(argv.len()) {
                    if let Some(key) = argv.get(i) {
                        self.save_key(ex, db, key);
                    }
                }
            }
        }
    }

    /// Records a write command that ran: a successful SWAPDB is undone by swapping back.
    pub fn ran(&mut self, ex: &Exec, cmd: &Command, argv: &[Bytes], ok: bool) {
        if !ok || self.given_up || cmd.name != "swapdb" {
            return;
        }
        if let (Some(a), Some(b)) = (db_arg(ex, argv.get(1)), db_arg(ex, argv.get(2))) {
            if a != b {
                self.whole_db_step(Step::Swap(a, b));
            }
        }
    }

    /// Takes back every step, newest first, leaving the log empty.
    pub fn roll_back(&mut self, ex: &mut Exec) {
        while let Some(step) = self.steps.pop() {
            match step {
                Step::Key { db, key, prior, .. } => {
                    if let Some(d) = ex.dbs.get_mut(db) {
                        d.put_back(&key, prior);
                    }
                }
                Step::Db { db, prior } => {
                    if let Some(d) = ex.dbs.get_mut(db) {
                        *d = *prior;
                    }
                }
                Step::All { prior } => ex.dbs = prior,
                Step::Swap(a, b) => ex.dbs.swap(a, b),
            }
        }
        self.index.clear();
        self.keys_since_db_step = 0;
    }

    /// Saves `key` of database `db` unless it was saved since the last whole-database
    /// step (its oldest state is the one to put back).
    fn save_key(&mut self, ex: &Exec, db: usize, key: &[u8]) {
        if self.given_up {
            return;
        }
        let hash = key_hash(db, key);
        if self.saved(db, key, hash) {
            return;
        }
        let Some(d) = ex.dbs.get(db) else {
            return;
        };
        let prior = d.save(key, ex.now_ms);
        let size = std::mem::size_of::<Step>() + prior.as_ref().map_or(key.len(), |p| p.size());
        if !self.room_for(ex, size) {
            return;
        }
        let key = CompactBytes::from(key);
        if self.keys_since_db_step >= LINEAR_SEARCH_MAX {
            self.index.insert((db, key.clone()));
        }
        self.steps.push(Step::Key {
            db,
            key,
            hash,
            prior,
        });
        self.keys_since_db_step += 1;
    }

    fn saved(&self, db: usize, key: &[u8], hash: u64) -> bool {
        // The first keys since the last whole-database step are not in the index.
        let first = self.steps.len() - self.keys_since_db_step;
        let scanned = self.steps[first..].iter().take(LINEAR_SEARCH_MAX).any(
            |s| matches!(s, Step::Key { db: d, key: k, hash: h, .. } if *h == hash && *d == db && k.as_slice() == key),
        );
        scanned
            || (self.keys_since_db_step > LINEAR_SEARCH_MAX
                && self.index.contains(&(db, CompactBytes::from(key))))
    }

    /// Counts `bytes` more in the log, or gives the log up when they pass its limit
    /// (unless a kill was accepted: then it must stay whole). False when given up.
    fn room_for(&mut self, ex: &Exec, bytes: usize) -> bool {
        self.bytes = self.bytes.saturating_add(bytes);
        if self.bytes <= self.max_bytes || !ex.shared.busy.give_up_undo() {
            return true;
        }
        self.steps = Vec::new();
        self.index = HashSet::default();
        self.keys_since_db_step = 0;
        self.given_up = true;
        false
    }

    /// Pushes a step that replaces databases: keys written after it must be saved again
    /// (their state before it is not what the databases hold after it).
    fn whole_db_step(&mut self, step: Step) {
        self.steps.push(step);
        self.index.clear();
        self.keys_since_db_step = 0;
    }
}

/// The hash a saved key is searched by.
fn key_hash(db: usize, key: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(key);
    h.write_usize(db);
    h.finish()
}

/// A database index argument, when valid (read as the commands read it).
fn db_arg(ex: &Exec, arg: Option<&Bytes>) -> Option<usize> {
    let n = usize::try_from(parse_i64(arg?)?).ok()?;
    (n < ex.dbs.len()).then_some(n)
}
