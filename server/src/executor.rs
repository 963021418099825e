//! The executor: the keyspace and every command, run one at a time.
//!
//! Its state ([`Exec`]) sits behind a mutex. A connection task that has a batch of
//! parsed requests runs it itself when the mutex is free ([`ExecHandle::submit`]): no
//! thread hop and no wake-up per batch, which is what pipelined and many-client loads
//! pay most for; scripts included (see [`crate::scripting`] for how a long one lets
//! the other connections be answered `-BUSY`). Otherwise the batch goes to the
//! executor thread's queue. Either way one batch runs at a time under the lock, so
//! each command, and each script as a whole, is atomic. The executor thread also does
//! the periodic work (active expiry, blocked clients' timeouts).
//! [`Exec::dispatch`] is the path of a client request (authentication, ACL, MULTI
//! queueing, ...); [`Exec::call`] runs a command that already passed those checks, and
//! is what a script engine running inside the executor uses for `redis.call`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use crate::acl::Acl;
use crate::busy::LongKind;
use crate::client::{Client, ClientView, Outbox, ReplyMode};
use crate::clock;
use crate::command::{flags, Command, CommandFn, CommandTable};
use crate::config::Config;
use crate::db::{Db, Typed};
use crate::pubsub::PubSub;
use crate::reply::Reply;
use crate::server::Shared;
use crate::slowlog::SlowLog;
use crate::stats::Stats;

/// A connection's parsed requests, in order.
pub type Batch = smallvec::SmallVec<[Vec<Bytes>; 1]>;

/// Messages from connection tasks to the executor.
pub enum Request {
    /// A new connection.
    Connect {
        /// Client id.
        id: u64,
        /// Remote address.
        addr: String,
        /// Local address.
        laddr: String,
        /// Where to send its output.
        sender: Outbox,
        /// What the connection task sees of the client's state.
        view: Arc<ClientView>,
    },
    /// Requests read in one go, to answer in order.
    Batch {
        /// Client id.
        id: u64,
        /// The parsed requests (one, without pipelining: held inline).
        commands: Batch,
        /// A protocol error that followed them: answered last, then the connection closes.
        protocol_error: Option<String>,
    },
    /// What the connection answered itself while a script was busy, to apply to the
    /// client's state now.
    Deferred {
        /// Client id.
        id: u64,
        /// In the order the client sent them.
        actions: Vec<Deferred>,
    },
    /// The connection closed.
    Disconnect {
        /// Client id.
        id: u64,
    },
}

/// The executor thread has stopped (the server is shutting down).
#[derive(Debug, Clone, Copy)]
pub struct ExecutorGone;

/// How connection tasks reach the executor: its state, to run a batch on their own
/// thread when it is free (no thread hop, no wake-up), and its thread's queue.
#[derive(Clone)]
pub struct ExecHandle {
    /// The executor's state.
    pub state: Arc<Mutex<Exec>>,
    /// The executor thread's queue.
    pub queue: Sender<Request>,
}

impl ExecHandle {
    /// Sends `req` to the executor thread, counting it in `view.queued` (for requests
    /// about a connected client).
    pub fn send(&self, req: Request, view: Option<&ClientView>) -> Result<(), ExecutorGone> {
        if let Some(view) = view {
            view.queued.fetch_add(1, Ordering::SeqCst);
        }
        self.queue.send(req).map_err(|_| ExecutorGone)
    }

    /// Registers a new connection, on this thread when it can (so that its first batch
    /// can run here too).
    pub fn connect(&self, req: Request, view: &ClientView) -> Result<(), ExecutorGone> {
        self.handle_here_or_send(req, view)
    }

    /// Forgets a closed connection's client (its subscriptions, WATCHes, blocking), on
    /// this thread when it can, so that this is done before the connection is seen
    /// closed, as in Redis.
    pub fn disconnect(&self, id: u64, view: &ClientView) -> Result<(), ExecutorGone> {
        self.handle_here_or_send(Request::Disconnect { id }, view)
    }

    /// Handles `req` at once on this thread when the executor's state is free and the
    /// client has nothing queued on the executor thread (whose order it must keep);
    /// sends it there otherwise.
    fn handle_here_or_send(&self, req: Request, view: &ClientView) -> Result<(), ExecutorGone> {
        if view.queued.load(Ordering::SeqCst) == 0 {
            if let Ok(mut ex) = self.state.try_lock() {
                ex.handle(req);
                return Ok(());
            }
        }
        // The executor thread counts down what it handles for a client it knows; a
        // closed client's count is no one's concern.
        let counted = !matches!(req, Request::Disconnect { .. });
        self.send(req, counted.then_some(view))
    }

    /// Runs a batch at once on this thread when the executor's state is free and the
    /// client has nothing queued on the executor thread; sends it there otherwise.
    pub fn submit(&self, batch: Request, view: &ClientView) -> Result<(), ExecutorGone> {
        if view.queued.load(Ordering::SeqCst) == 0 {
            if let Ok(mut ex) = self.state.try_lock() {
                match ex.run_inline(batch) {
                    Ok(()) => return Ok(()),
                    Err(batch) => {
                        drop(ex);
                        return self.send(batch, Some(view));
                    }
                }
            }
        }
        self.send(batch, Some(view))
    }
}

/// A state change a connection task made while a script was busy.
pub enum Deferred {
    /// A command it already answered (AUTH, HELLO, MULTI, WATCH...): run it again for
    /// its effect on the client, dropping the reply.
    Replay(Vec<Bytes>),
    /// A command it refused with `-BUSY` inside MULTI: EXEC must abort.
    FlagTransaction,
}

/// Common error replies.
pub mod err {
    /// Operation on a key of another type.
    pub const WRONGTYPE: &str = "WRONGTYPE Operation against a key holding the wrong kind of value";
    /// Bad integer argument.
    pub const NOT_INT: &str = "ERR value is not an integer or out of range";
    /// Bad float argument.
    pub const NOT_FLOAT: &str = "ERR value is not a valid float";
    /// Bad syntax.
    pub const SYNTAX: &str = "ERR syntax error";
    /// Key missing where it must exist.
    pub const NO_KEY: &str = "ERR no such key";
    /// Index out of range.
    pub const OUT_OF_RANGE: &str = "ERR index out of range";
}

/// The state a command runs against: every database and all server-wide state.
pub struct Exec {
    /// The databases.
    pub dbs: Vec<Db>,
    /// Runtime configuration (boxed, like the other large parts: a script's run
    /// moves the executor into its host and back).
    pub config: Box<Config>,
    /// The command table.
    pub table: Arc<CommandTable>,
    /// Clients not currently running a command (boxed: a batch takes its client out
    /// and puts it back).
    pub clients: HashMap<u64, Box<Client>, BuildHasherDefault<ClientIdHasher>>,
    /// The time commands see, frozen for the duration of a command (ms since the epoch).
    pub now_ms: i64,
    /// Pub/sub subscriptions.
    pub pubsub: Box<PubSub>,
    /// ACL users.
    pub acl: Acl,
    /// Counters for INFO.
    pub stats: Box<Stats>,
    /// Commands that ran slowly (SLOWLOG).
    pub slowlog: SlowLog,
    /// State shared with connection tasks.
    pub shared: Arc<Shared>,
    /// Random numbers for SPOP, RANDOMKEY, eviction...
    pub rng: Rng,
    /// Whether the cron deletes expired keys (DEBUG SET-ACTIVE-EXPIRE).
    pub active_expire_enabled: bool,
    /// Set by SHUTDOWN and signals: the executor stops after the current batch.
    pub shutdown_requested: bool,
    /// Server start time.
    pub started: Instant,
    /// Unix time in ms at the zero of [`clock`], re-synchronized periodically: command
    /// times are derived from the monotonic clock read for command statistics.
    epoch_at_clock_zero_ms: i64,
    /// WATCHed keys and who watches them.
    watched: HashMap<(usize, Vec<u8>), Vec<u64>>,
    /// Clients whose WATCHed keys were touched.
    pub dirty_watchers: HashSet<u64>,
    /// Keys that clients block on.
    blocking: HashMap<(usize, Vec<u8>), Vec<u64>>,
    /// Keys written since the last check, that blocked clients wait for.
    ready: Vec<(usize, Vec<u8>)>,
    /// Nesting depth of command calls (scripts call commands from inside a command).
    depth: usize,
    /// The Lua engines (EVAL's and FUNCTION's).
    pub engines: crate::scripting::EngineSlot,
}

/// A small xorshift generator: Redis's randomness is not observable byte for byte.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded from the clock.
    pub fn new() -> Rng {
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9e37_79b9_7f4a_7c15);
        Rng(seed | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A random index below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

impl Default for Rng {
    fn default() -> Self {
        Rng::new()
    }
}

/// Hashes client ids: the server hands them out in sequence, so no one can choose
/// colliding ones, and a multiplication spreads them (a batch takes its client out
/// of the map and puts it back: SipHash cost 600 instructions a request).
#[derive(Default)]
pub struct ClientIdHasher(u64);

impl Hasher for ClientIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, id: u64) {
        self.0 = id.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Milliseconds since the Unix epoch.
pub fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Microseconds since the Unix epoch.
pub fn unix_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

impl Exec {
    /// A fresh executor state.
    pub fn new(config: Config, table: Arc<CommandTable>, shared: Arc<Shared>) -> Exec {
        let databases = config.databases.max(1);
        let acl = Acl::new(config.requirepass.as_deref());
        Exec {
            dbs: (0..databases).map(|_| Db::default()).collect(),
            config: Box::new(config),
            table,
            clients: HashMap::default(),
            now_ms: unix_ms(),
            pubsub: Box::default(),
            acl,
            stats: Box::default(),
            slowlog: SlowLog::default(),
            shared,
            rng: Rng::new(),
            active_expire_enabled: true,
            shutdown_requested: false,
            started: Instant::now(),
            epoch_at_clock_zero_ms: unix_ms() - (clock::now_us() / 1000) as i64,
            watched: HashMap::new(),
            dirty_watchers: HashSet::new(),
            blocking: HashMap::new(),
            ready: Vec::new(),
            depth: 0,
            engines: Default::default(),
        }
    }

    /// The database the client selected.
    pub fn db(&mut self, client: &Client) -> &mut Db {
        let i = client.db.min(self.dbs.len() - 1);
        &mut self.dbs[i]
    }

    /// Runs the executor thread until shutdown or until every sender is gone. The state
    /// sits behind a mutex: connection tasks run most batches themselves when it is free
    /// ([`Exec::run_inline`]); this thread takes what they send (batches that arrived
    /// while it was held, and commands that must run here), and does the periodic work.
    pub fn run(state: Arc<Mutex<Exec>>, requests: Receiver<Request>) {
        let lock = || {
            state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        let mut last_cron = Instant::now();
        loop {
            let mut wait = Duration::from_millis(100).saturating_sub(last_cron.elapsed());
            if let Some(deadline) = lock().next_block_deadline() {
                let until = (deadline - unix_ms()).max(0) as u64;
                wait = wait.min(Duration::from_millis(until));
            }
            let first = match requests.recv_timeout(wait) {
                Ok(req) => Some(req),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let mut ex = lock();
            if let Some(req) = first {
                ex.handle_queued(req);
                while let Ok(req) = requests.try_recv() {
                    ex.handle_queued(req);
                }
            }
            if last_cron.elapsed() >= Duration::from_millis(100) {
                ex.cron();
                last_cron = Instant::now();
            } else if ex.stats.blocked_clients > 0 {
                ex.now_ms = unix_ms();
                ex.expire_blocked();
            }
            if ex.shutdown_requested || ex.shared.is_shutting_down() {
                break;
            }
        }
        let mut ex = lock();
        for client in ex.clients.values_mut() {
            client.close_after_reply = true;
            client.flush(true);
        }
        ex.shared.request_shutdown();
    }

    /// Runs a connection's batch on the calling thread (a connection task's), when the
    /// client is known here (its Connect may still be queued for the executor thread).
    pub fn run_inline(&mut self, batch: Request) -> Result<(), Request> {
        match &batch {
            Request::Batch { id, .. } if self.clients.contains_key(id) => {
                self.handle(batch);
                Ok(())
            }
            _ => Err(batch),
        }
    }

    /// Handles a request that came through the executor thread's queue.
    fn handle_queued(&mut self, req: Request) {
        let view = match &req {
            Request::Connect { view, .. } => Some(Arc::clone(view)),
            Request::Batch { id, .. } | Request::Deferred { id, .. } => {
                self.clients.get(id).map(|c| Arc::clone(&c.view))
            }
            Request::Disconnect { .. } => None,
        };
        self.handle(req);
        if let Some(view) = view {
            view.queued.fetch_sub(1, Ordering::SeqCst);
        }
    }

    fn handle(&mut self, req: Request) {
        match req {
            Request::Connect {
                id,
                addr,
                laddr,
                sender,
                view,
            } => {
                self.now_ms = unix_ms();
                let mut client = Box::new(Client::new(id, self.now_ms, Some(sender)));
                client.addr = addr;
                client.laddr = laddr;
                client.authenticated = self.acl.default_user_needs_no_auth();
                client.view = view;
                client.publish_view();
                self.stats.total_connections += 1;
                self.clients.insert(id, client);
            }
            Request::Deferred { id, actions } => {
                let Some(mut client) = self.clients.remove(&id) else {
                    return;
                };
                for action in actions {
                    match action {
                        Deferred::Replay(argv) => {
                            self.dispatch(&mut client, &argv);
                        }
                        Deferred::FlagTransaction => {
                            client.multi_error |= client.multi.is_some();
                        }
                    }
                }
                client.publish_view();
                self.clients.insert(id, client);
            }
            Request::Disconnect { id } => {
                if let Some(mut client) = self.clients.remove(&id) {
                    self.forget(&mut client);
                }
            }
            Request::Batch {
                id,
                commands,
                protocol_error,
            } => {
                let Some(mut client) = self.clients.remove(&id) else {
                    return;
                };
                client.pending.extend(commands);
                self.run_pending(&mut client);
                if let Some(msg) = protocol_error {
                    if client.blocked.is_none() {
                        client.write_reply(&Reply::error(format!("ERR Protocol error: {msg}")));
                        client.close_after_reply = true;
                    }
                }
                let done = client.blocked.is_none();
                client.flush(done);
                self.shared
                    .auth_required
                    .store(self.auth_required(), Ordering::Relaxed);
                client.publish_view();
                if client.close_after_reply {
                    self.forget(&mut client);
                } else {
                    self.clients.insert(id, client);
                }
                self.serve_ready_keys();
            }
        }
    }

    /// Runs the client's queued requests until it blocks or closes.
    fn run_pending(&mut self, client: &mut Client) {
        while client.blocked.is_none() && !client.close_after_reply {
            let Some(argv) = client.pending.pop_front() else {
                break;
            };
            // CLIENT REPLY SKIP silences the command after it.
            if client.reply_mode == ReplyMode::SkipNext {
                client.reply_mode = ReplyMode::Skip;
            }
            let reply = self.dispatch(client, &argv);
            // SHUTDOWN gets no reply: the connection just closes.
            if self.shutdown_requested {
                break;
            }
            match client.reply_mode {
                ReplyMode::On if client.blocked.is_none() => client.write_reply(&reply),
                ReplyMode::Skip => client.reply_mode = ReplyMode::On,
                _ => {}
            }
        }
    }

    /// After a blocked client was served: runs what it sent meanwhile and sends the
    /// output.
    fn run_rest(&mut self, client: &mut Client) {
        self.run_pending(client);
        let done = client.blocked.is_none();
        client.flush(done);
    }

    /// Drops what the executor keeps for a client that goes away.
    pub fn forget(&mut self, client: &mut Client) {
        self.unwatch_all(client);
        self.unblock(client);
        self.pubsub.unsubscribe_all(client.id);
        client.clear_subscriptions();
    }

    /// Periodic work: active expiry and blocked clients' timeouts.
    fn cron(&mut self) {
        self.now_ms = unix_ms();
        self.epoch_at_clock_zero_ms = self.now_ms - (clock::now_us() / 1000) as i64;
        if self.active_expire_enabled {
            self.active_expire();
        }
        self.expire_blocked();
    }

    fn active_expire(&mut self) {
        let deadline = Instant::now() + Duration::from_millis(25);
        let now = self.now_ms;
        for i in 0..self.dbs.len() {
            loop {
                let rng = &mut self.rng;
                let (sampled, expired) = self.dbs[i].expire_sample(20, now, |n| rng.below(n));
                self.stats.expired_keys += expired as u64;
                // Like Redis: go on while more than a quarter of the sample was expired.
                if sampled == 0 || expired * 4 <= sampled || Instant::now() >= deadline {
                    break;
                }
            }
        }
    }

    /// Runs one client request with every check a client request gets.
    pub fn dispatch(&mut self, client: &mut Client, argv: &[Bytes]) -> Reply {
        if argv.is_empty() {
            client.last_command_ms = self.now_ms;
            return Reply::Null;
        }
        let table = Arc::clone(&self.table);
        let cmd = match self.lookup(&table, argv) {
            Ok(cmd) => cmd,
            Err(e) => {
                client.last_command_ms = self.now_ms;
                if client.multi.is_some() {
                    client.multi_error = true;
                }
                self.stats.count_error(&e);
                return e;
            }
        };
        client.last_command_ms = self.now_ms;
        self.checked_call(client, cmd, argv)
    }

    /// The client checks (authentication, ACL, transactions, memory, pub/sub mode),
    /// then the command.
    fn checked_call(&mut self, client: &mut Client, cmd: &Command, argv: &[Bytes]) -> Reply {
        let is_exec_control = matches!(
            cmd.name.as_str(),
            "exec" | "discard" | "multi" | "watch" | "quit" | "reset"
        );
        if !client.authenticated && !cmd.has(flags::NO_AUTH) {
            return self.reject(client, cmd, Reply::error("NOAUTH Authentication required."));
        }
        if let Some(e) = self.acl.check(&client.user, cmd, argv) {
            return self.reject(client, cmd, e);
        }
        if client.multi.is_some() && !is_exec_control {
            if cmd.has(flags::NO_MULTI) {
                client.multi_error = true;
                return Reply::error("ERR Command not allowed inside a transaction");
            }
        } else if cmd.has(flags::DENYOOM) {
            if let Some(e) = self.check_oom() {
                return self.reject(client, cmd, e);
            }
        }
        if client.in_pubsub_mode()
            && !matches!(
                cmd.name.as_str(),
                "subscribe"
                    | "ssubscribe"
                    | "unsubscribe"
                    | "sunsubscribe"
                    | "psubscribe"
                    | "punsubscribe"
                    | "ping"
                    | "quit"
                    | "reset"
            )
        {
            let e = Reply::error(format!(
                "ERR Can't execute '{}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
                cmd.name
            ));
            return self.reject(client, cmd, e);
        }
        if client.multi.is_some() && !is_exec_control {
            if let Some(queue) = client.multi.as_mut() {
                queue.push(argv.to_vec());
            }
            return Reply::status("QUEUED");
        }
        if client.last_command != cmd.name {
            client.last_command.clear();
            client.last_command.push_str(&cmd.name);
        }
        let reply = self.call(client, cmd, argv);
        self.stats.commands_processed += 1;
        if cmd.name.starts_with("acl|") || cmd.name == "config|set" {
            self.shared.publish_acl(&self.acl);
        }
        reply
    }

    /// Refuses a command before it runs: counts the error, flags an open transaction,
    /// and turns a refused EXEC into Redis's `EXECABORT` (discarding the transaction).
    fn reject(&mut self, client: &mut Client, cmd: &Command, e: Reply) -> Reply {
        self.stats.count_error(&e);
        self.stats.command(cmd.id, &cmd.name).rejected_calls += 1;
        if cmd.name == "exec" {
            client.multi = None;
            client.multi_error = false;
            self.unwatch_all(client);
            let Reply::Error(msg) = e else { return e };
            let msg = msg.strip_prefix(b"ERR ").unwrap_or(&msg);
            return Reply::error(format!(
                "EXECABORT Transaction discarded because of: {}",
                String::from_utf8_lossy(msg)
            ));
        }
        if client.multi.is_some() {
            client.multi_error = true;
        }
        e
    }

    /// Finds the command (or subcommand) for `argv` and checks its arity.
    pub fn lookup<'t>(
        &self,
        table: &'t CommandTable,
        argv: &[Bytes],
    ) -> Result<&'t Command, Reply> {
        let name = argv.first().map(|b| b.as_ref()).unwrap_or(b"");
        let Some(cmd) = table.get(name) else {
            return Err(unknown_command(argv));
        };
        let cmd = if cmd.subcommands.is_empty() || argv.len() < 2 {
            cmd
        } else {
            let sub = String::from_utf8_lossy(&argv[1]).to_ascii_lowercase();
            match cmd.subcommands.get(&sub) {
                Some(s) => s,
                None => {
                    return Err(Reply::error(format!(
                        "ERR unknown subcommand '{}'. Try {} HELP.",
                        sanitize(&truncate(&argv[1], 128)),
                        cmd.name.to_ascii_uppercase()
                    )))
                }
            }
        };
        if !cmd.arity_ok(argv.len()) {
            return Err(Reply::error(format!(
                "ERR wrong number of arguments for '{}' command",
                cmd.name
            )));
        }
        Ok(cmd)
    }

    /// Runs a command that passed the client checks (the path `redis.call` takes).
    /// Counts it, and after a successful write wakes WATCH and blocked clients.
    pub fn call(&mut self, client: &mut Client, cmd: &Command, argv: &[Bytes]) -> Reply {
        let handler = match &cmd.handler {
            Some(h) => h.clone(),
            None => {
                // Subcommands run their container's handler.
                let container = cmd.name.split('|').next().unwrap_or("");
                match self
                    .table
                    .get(container.as_bytes())
                    .and_then(|c| c.handler.clone())
                {
                    Some(h) => h,
                    None => return unknown_command(argv),
                }
            }
        };
        let start = clock::now_us();
        // Time is frozen for the whole of a top-level command (and a script's calls).
        if self.depth == 0 {
            self.now_ms = self.epoch_at_clock_zero_ms + (start / 1000) as i64;
        }
        self.depth += 1;
        let reply = match handler {
            CommandFn::Builtin(f) => f(self, client, argv),
            CommandFn::Extension(f) => f(self, client, argv),
        };
        self.depth -= 1;
        // As Redis's, durations are differences of whole microseconds: a command
        // shorter than one counts 0 or 1, in proportion to its length.
        let elapsed = clock::now_us().saturating_sub(start);
        let threshold = self.config.slowlog_log_slower_than;
        // Top-level commands only: a script's calls count as the script.
        if self.depth == 0 && threshold >= 0 && elapsed >= threshold as u64 {
            self.slowlog.push(
                argv,
                elapsed,
                self.now_ms / 1000,
                (&client.addr, client.name.as_deref()),
                self.config.slowlog_max_len,
            );
        }
        let counted = std::mem::take(&mut self.stats.reply_error_counted);
        let stat = self.stats.command(cmd.id, &cmd.name);
        stat.calls += 1;
        stat.usec += elapsed;
        if reply.is_error() {
            stat.failed_calls += 1;
            if !counted {
                self.stats.count_error(&reply);
            }
        } else if cmd.has(flags::WRITE) && client.blocked.is_none() {
            self.stats.dirty += 1;
            let db = client.db.min(self.dbs.len() - 1);
            if cmd.has(flags::MOVABLE_KEYS) || !self.watched.is_empty() || !self.blocking.is_empty()
            {
                for key in keys_of(cmd, argv) {
                    self.dbs[db].refresh_size(&key);
                    self.touch_key(db, &key);
                }
            } else {
                for i in cmd.key_positions(argv.len()) {
                    if let Some(key) = argv.get(i) {
                        self.dbs[db].refresh_size(key);
                    }
                }
            }
        }
        reply
    }

    /// Tells WATCHers and blocked clients that `key` in `db` was written.
    pub fn touch_key(&mut self, db: usize, key: &[u8]) {
        let k = (db, key.to_vec());
        if let Some(ids) = self.watched.get(&k) {
            self.dirty_watchers.extend(ids.iter().copied());
        }
        if self.blocking.contains_key(&k) {
            self.ready.push(k);
        }
    }

    /// Before a database's contents are replaced (FLUSHDB, FLUSHALL, SWAPDB): touches
    /// the watched keys of `db` that exist in `db` or in `other` (the database swapped
    /// in), as Redis does, and wakes clients blocked on `db`.
    pub fn touch_db(&mut self, db: usize, other: Option<usize>) {
        let now = self.now_ms;
        let watched: Vec<Vec<u8>> = self
            .watched
            .keys()
            .filter(|(d, _)| *d == db)
            .map(|(_, k)| k.clone())
            .collect();
        for key in watched {
            let exists = [Some(db), other]
                .into_iter()
                .flatten()
                .any(|i| self.dbs.get_mut(i).is_some_and(|d| d.contains(&key, now)));
            if exists {
                self.touch_key(db, &key);
            }
        }
        let blocked: Vec<Vec<u8>> = self
            .blocking
            .keys()
            .filter(|(d, _)| *d == db)
            .map(|(_, k)| k.clone())
            .collect();
        for key in blocked {
            self.ready.push((db, key));
        }
    }

    /// Adds a WATCH on `key` for `client`.
    pub fn watch(&mut self, client: &mut Client, key: &[u8]) {
        let k = (client.db, key.to_vec());
        if client.watched.contains(&k) {
            return;
        }
        self.watched.entry(k.clone()).or_default().push(client.id);
        client.watched.push(k);
    }

    /// Whether EXEC must abort for `client`: a watched key was written. A watched key
    /// that merely expired does not count (Redis 7.0 behaves so, lazily or actively
    /// expired alike).
    pub fn watch_failed(&self, client: &Client) -> bool {
        self.dirty_watchers.contains(&client.id)
    }

    /// Drops every WATCH of `client`.
    pub fn unwatch_all(&mut self, client: &mut Client) {
        for k in client.watched.drain(..) {
            if let Some(ids) = self.watched.get_mut(&k) {
                ids.retain(|&id| id != client.id);
                if ids.is_empty() {
                    self.watched.remove(&k);
                }
            }
        }
        self.dirty_watchers.remove(&client.id);
    }

    /// Blocks `client` until one of `keys` is written or the deadline passes; the
    /// command in `argv` then runs again (with blocking disabled).
    pub fn block(
        &mut self,
        client: &mut Client,
        keys: Vec<Vec<u8>>,
        deadline_ms: Option<i64>,
        argv: Vec<Bytes>,
        timeout_reply: Reply,
    ) {
        for key in &keys {
            let ids = self.blocking.entry((client.db, key.clone())).or_default();
            ids.push(client.id);
        }
        self.stats.blocked_clients += 1;
        client.blocked = Some(crate::client::Blocked {
            db: client.db,
            keys,
            deadline_ms,
            argv,
            timeout_reply,
        });
    }

    fn unblock(&mut self, client: &mut Client) {
        let Some(b) = client.blocked.take() else {
            return;
        };
        self.stats.blocked_clients = self.stats.blocked_clients.saturating_sub(1);
        for key in b.keys {
            let k = (b.db, key);
            if let Some(ids) = self.blocking.get_mut(&k) {
                ids.retain(|&id| id != client.id);
                if ids.is_empty() {
                    self.blocking.remove(&k);
                }
            }
        }
    }

    /// Serves clients blocked on keys that were written, first blocked first served.
    pub fn serve_ready_keys(&mut self) {
        if self.depth > 0 {
            return;
        }
        while !self.ready.is_empty() {
            let ready = std::mem::take(&mut self.ready);
            for k in ready {
                let ids = self.blocking.get(&k).cloned().unwrap_or_default();
                for id in ids {
                    let Some(mut client) = self.clients.remove(&id) else {
                        continue;
                    };
                    self.retry_blocked(&mut client);
                    self.clients.insert(id, client);
                }
            }
        }
    }

    fn retry_blocked(&mut self, client: &mut Client) {
        let Some(argv) = client.blocked.as_ref().map(|b| b.argv.clone()) else {
            return;
        };
        let saved = client.blocked.take();
        client.may_block = false;
        self.now_ms = unix_ms();
        let table = Arc::clone(&self.table);
        let reply = match self.lookup(&table, &argv) {
            Ok(cmd) => self.call(client, cmd, &argv),
            Err(e) => e,
        };
        client.may_block = true;
        client.blocked = saved;
        let served = !matches!(reply, Reply::Null | Reply::NullArray);
        if served {
            self.unblock(client);
            client.write_reply(&reply);
            self.run_rest(client);
        }
    }

    /// The earliest timeout of a blocked client.
    fn next_block_deadline(&self) -> Option<i64> {
        if self.stats.blocked_clients == 0 {
            return None;
        }
        self.clients
            .values()
            .filter_map(|c| c.blocked.as_ref().and_then(|b| b.deadline_ms))
            .min()
    }

    fn expire_blocked(&mut self) {
        let now = self.now_ms;
        let timed_out: Vec<u64> = self
            .clients
            .values()
            .filter(|c| {
                c.blocked
                    .as_ref()
                    .and_then(|b| b.deadline_ms)
                    .is_some_and(|d| d <= now)
            })
            .map(|c| c.id)
            .collect();
        for id in timed_out {
            let Some(mut client) = self.clients.remove(&id) else {
                continue;
            };
            if let Some(reply) = client.blocked.as_ref().map(|b| b.timeout_reply.clone()) {
                self.unblock(&mut client);
                client.write_reply(&reply);
                self.run_rest(&mut client);
            }
            self.clients.insert(id, client);
        }
        // Requests that ran after the timeout may have fed other blocked clients.
        self.serve_ready_keys();
    }

    /// Runs `f` as a long-running command of `kind`: while it runs past the busy
    /// threshold, other clients get `-BUSY` and may interrupt it through
    /// [`crate::busy::BusyState::interrupted`].
    pub fn long_running<R>(&mut self, kind: LongKind, f: impl FnOnce(&mut Exec) -> R) -> R {
        self.shared.busy.begin(kind, unix_ms());
        let r = f(self);
        self.shared.busy.end();
        r
    }

    /// Memory in use, as INFO reports it.
    pub fn used_memory(&self) -> usize {
        crate::maxmemory::used_memory(self)
    }

    fn check_oom(&mut self) -> Option<Reply> {
        if self.config.maxmemory == 0 {
            return None;
        }
        crate::maxmemory::free_memory_if_needed(self)
    }

    /// The value at `key` as a `T` (a list, hash, set, sorted set or stream):
    /// `Ok(None)` when missing (after storing an empty one when `create`), `WRONGTYPE`
    /// when it holds another type.
    pub fn typed<T: Typed>(
        &mut self,
        client: &Client,
        key: &[u8],
        create: bool,
    ) -> Result<Option<&mut T>, Reply> {
        let now = self.now_ms;
        let db = self.db(client);
        if create && !db.contains(key, now) {
            db.set(key, T::empty(), now);
        }
        match db.get(key, now) {
            None => Ok(None),
            Some(v) => T::of(v)
                .map(Some)
                .ok_or_else(|| Reply::error(err::WRONGTYPE)),
        }
    }

    /// Publishes `message` on `channel`; returns the number of receivers.
    pub fn publish(&mut self, channel: &[u8], message: &[u8]) -> i64 {
        self.pubsub.publish(channel, message)
    }

    /// Asks the server to stop.
    pub fn request_shutdown(&mut self) {
        self.shutdown_requested = true;
    }

    /// The ids of connected clients.
    pub fn client_ids(&self) -> Vec<u64> {
        self.clients.keys().copied().collect()
    }

    /// Whether the server requires no password for the default user.
    pub fn auth_required(&self) -> bool {
        !self.acl.default_user_needs_no_auth()
    }

    /// The busy threshold, kept in sync with the configuration.
    pub fn set_busy_threshold(&self, ms: i64) {
        self.shared.busy.threshold_ms.store(ms, Ordering::SeqCst);
    }
}

/// The keys `argv` names for `cmd`, including commands whose key positions move.
pub fn keys_of(cmd: &Command, argv: &[Bytes]) -> Vec<Vec<u8>> {
    let arg = |i: usize| argv.get(i).map(|b| b.to_vec());
    let numkeys_at = |pos: usize, first: usize| -> Vec<Vec<u8>> {
        let n = argv
            .get(pos)
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(0);
        argv.iter()
            .skip(first)
            .take(n)
            .map(|b| b.to_vec())
            .collect()
    };
    match cmd.name.as_str() {
        "zunionstore" | "zinterstore" | "zdiffstore" => {
            let mut keys: Vec<Vec<u8>> = arg(1).into_iter().collect();
            keys.extend(numkeys_at(2, 3));
            keys
        }
        "zunion" | "zinter" | "zdiff" | "zintercard" | "sintercard" | "lmpop" | "zmpop" => {
            numkeys_at(1, 2)
        }
        "eval" | "evalsha" | "eval_ro" | "evalsha_ro" | "fcall" | "fcall_ro" | "blmpop"
        | "bzmpop" => numkeys_at(2, 3),
        // The destination follows a STORE (or GEORADIUS's STOREDIST) option.
        "sort" | "sort_ro" | "georadius" | "georadiusbymember" => {
            let geo = cmd.name.starts_with("geo");
            let mut keys: Vec<Vec<u8>> = arg(1).into_iter().collect();
            for pair in argv[2.min(argv.len())..].windows(2) {
                if pair[0].eq_ignore_ascii_case(b"store")
                    || (geo && pair[0].eq_ignore_ascii_case(b"storedist"))
                {
                    keys.push(pair[1].to_vec());
                }
            }
            keys
        }
        "xread" | "xreadgroup" => {
            let Some(pos) = argv.iter().position(|a| a.eq_ignore_ascii_case(b"streams")) else {
                return Vec::new();
            };
            let rest = &argv[pos + 1..];
            rest[..rest.len() / 2].iter().map(|b| b.to_vec()).collect()
        }
        _ => cmd.key_positions(argv.len()).filter_map(arg).collect(),
    }
}

fn truncate(b: &[u8], max: usize) -> Vec<u8> {
    b[..b.len().min(max)].to_vec()
}

fn sanitize(b: &[u8]) -> String {
    String::from_utf8_lossy(b)
        .chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect()
}

/// Redis's reply to an unknown command.
pub fn unknown_command(argv: &[Bytes]) -> Reply {
    let mut args = String::new();
    for a in argv.iter().skip(1) {
        if args.len() >= 128 {
            break;
        }
        let room = 128 - args.len();
        args.push('\'');
        args.push_str(&sanitize(&truncate(a, room)));
        args.push_str("' ");
    }
    let name = argv.first().map(|n| truncate(n, 128)).unwrap_or_default();
    Reply::error(format!(
        "ERR unknown command '{}', with args beginning with: {}",
        sanitize(&name),
        args
    ))
}
