//! The state the executor keeps for each connected client.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use indexmap::IndexSet;
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::Notify;

use crate::reply::{encode, Reply};

/// The most room a client's output starts a batch with: Redis's reply buffer size.
const OUTPUT_HINT_MAX: usize = 16 * 1024;

/// Bytes for a connection task to write, in order.
#[derive(Debug)]
pub struct Out {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Whether the batch of requests the connection sent is now fully answered.
    pub done: bool,
    /// Whether the connection must close after writing.
    pub close: bool,
}

/// Tells a connection task to close at once, even in the middle of a write.
#[derive(Debug, Default)]
pub struct KillSwitch {
    pulled: AtomicBool,
    notify: Notify,
}

impl KillSwitch {
    /// Asks the connection to close.
    pub fn pull(&self) {
        self.pulled.store(true, Ordering::SeqCst);
        self.notify.notify_one();
    }

    /// Whether it was pulled: a load, for the connection to check on every turn.
    pub fn is_pulled(&self) -> bool {
        self.pulled.load(Ordering::SeqCst)
    }

    /// Waits until it is pulled (at once if it already was).
    pub async fn pulled(&self) {
        if !self.is_pulled() {
            self.notify.notified().await;
        }
    }
}

/// The way to a connection task: its channel, and how many bytes sent on it are not
/// written to the socket yet (so a slow pub/sub reader can be cut off).
#[derive(Debug, Clone)]
pub struct Outbox {
    tx: UnboundedSender<Out>,
    queued: Arc<AtomicUsize>,
    kill: Arc<KillSwitch>,
}

impl Outbox {
    /// An outbox over `tx`, counting in `queued` (which the connection decrements);
    /// `kill` closes the connection.
    pub fn new(
        tx: UnboundedSender<Out>,
        queued: Arc<AtomicUsize>,
        kill: Arc<KillSwitch>,
    ) -> Outbox {
        Outbox { tx, queued, kill }
    }

    /// Closes the connection without writing what is queued.
    pub fn kill(&self) {
        self.kill.pull();
    }

    /// Sends `out`; false when the connection is gone.
    pub fn send(&self, out: Out) -> bool {
        self.queued.fetch_add(out.bytes.len(), Ordering::Relaxed);
        self.tx.send(out).is_ok()
    }

    /// Bytes sent and not yet written by the connection.
    pub fn queued(&self) -> usize {
        self.queued.load(Ordering::Relaxed)
    }
}

/// The part of a client's state its connection task reads: the parser's limits depend
/// on authentication, and while a script is busy the task answers AUTH, HELLO and the
/// transaction commands itself. The executor updates it after each batch.
#[derive(Debug, Default)]
pub struct ClientView {
    /// Whether the client has authenticated (or needs not).
    pub authenticated: AtomicBool,
    /// Its RESP version.
    pub protocol: AtomicU8,
    /// Whether it is inside MULTI.
    pub in_multi: AtomicBool,
    /// Requests for this client sent to the executor thread and not yet handled there:
    /// while any is queued, the connection must not run a batch inline (it would pass
    /// them).
    pub queued: AtomicUsize,
}

/// What CLIENT REPLY set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyMode {
    /// Every reply is sent.
    On,
    /// No reply is sent.
    Off,
    /// The reply to the next command is not sent (set by CLIENT REPLY SKIP).
    SkipNext,
    /// The reply to this command is not sent.
    Skip,
}

/// A client blocked by a blocking command (BLPOP, XREAD BLOCK, ...).
#[derive(Debug)]
pub struct Blocked {
    /// Database of the keys.
    pub db: usize,
    /// Keys that can unblock it.
    pub keys: Vec<Vec<u8>>,
    /// Absolute deadline in ms, or none.
    pub deadline_ms: Option<i64>,
    /// The command to run again when a key is ready.
    pub argv: Vec<Bytes>,
    /// What to answer on timeout.
    pub timeout_reply: Reply,
}

/// A client and its per-connection state.
pub struct Client {
    /// Unique id (CLIENT ID).
    pub id: u64,
    /// Selected database.
    pub db: usize,
    /// RESP protocol version, 2 or 3.
    pub protocol: u8,
    /// CLIENT SETNAME.
    pub name: Option<Vec<u8>>,
    /// The ACL user it runs as.
    pub user: String,
    /// Whether it authenticated (or needs not).
    pub authenticated: bool,
    /// Commands queued by MULTI, when in a transaction.
    pub multi: Option<Vec<Vec<Bytes>>>,
    /// Whether a queued command was refused, so EXEC must abort.
    pub multi_error: bool,
    /// Keys it WATCHes, by database.
    pub watched: Vec<(usize, Vec<u8>)>,
    /// Channels it subscribed to, in subscription order.
    pub channels: IndexSet<Vec<u8>>,
    /// Patterns it subscribed to, in subscription order.
    pub patterns: IndexSet<Vec<u8>>,
    /// Shard channels it subscribed to, in subscription order.
    pub shard_channels: IndexSet<Vec<u8>>,
    /// Set while it waits in a blocking command.
    pub blocked: Option<Blocked>,
    /// Requests received after the one that blocked, run once it unblocks.
    pub pending: VecDeque<Vec<Bytes>>,
    /// Whether a command may block (false inside MULTI, scripts and re-runs).
    pub may_block: bool,
    /// Whether the current command comes from a script.
    pub in_script: bool,
    /// Replies not yet sent.
    pub output: Vec<u8>,
    /// Bytes the last flush sent (up to [`OUTPUT_HINT_MAX`]): the next batch's output
    /// starts with that much room instead of regrowing from empty.
    output_hint: usize,
    /// CLIENT REPLY: replies are dropped while off, or for the next command on skip.
    pub reply_mode: ReplyMode,
    /// Whether to close the connection once the output is written.
    pub close_after_reply: bool,
    /// Remote address.
    pub addr: String,
    /// Local address.
    pub laddr: String,
    /// Connection time in ms.
    pub created_ms: i64,
    /// Time of the last command in ms.
    pub last_command_ms: i64,
    /// Name of the last command run.
    pub last_command: String,
    /// Where its output goes; none for clients without a connection (scripts' callers
    /// embedded directly).
    pub sender: Option<Outbox>,
    /// What the connection task sees of this state.
    pub view: Arc<ClientView>,
}

impl Client {
    /// A new client with default state.
    pub fn new(id: u64, now_ms: i64, sender: Option<Outbox>) -> Client {
        Client {
            id,
            db: 0,
            protocol: 2,
            name: None,
            user: "default".to_string(),
            authenticated: false,
            multi: None,
            multi_error: false,
            watched: Vec::new(),
            channels: IndexSet::new(),
            patterns: IndexSet::new(),
            shard_channels: IndexSet::new(),
            blocked: None,
            pending: VecDeque::new(),
            may_block: true,
            in_script: false,
            output: Vec::new(),
            output_hint: 0,
            reply_mode: ReplyMode::On,
            close_after_reply: false,
            addr: String::new(),
            laddr: String::new(),
            created_ms: now_ms,
            last_command_ms: now_ms,
            last_command: "NULL".to_string(),
            sender,
            view: Arc::new(ClientView::default()),
        }
    }

    /// Copies the state the connection task needs into [`Client::view`].
    pub fn publish_view(&self) {
        self.view
            .authenticated
            .store(self.authenticated, Ordering::Relaxed);
        self.view.protocol.store(self.protocol, Ordering::Relaxed);
        self.view
            .in_multi
            .store(self.multi.is_some(), Ordering::Relaxed);
    }

    /// Appends a reply to the output, in the client's protocol.
    pub fn write_reply(&mut self, reply: &Reply) {
        if self.output.capacity() == 0 {
            self.output.reserve(self.output_hint);
        }
        encode(reply, self.protocol, &mut self.output);
    }

    /// Sends the pending output; `done` tells the connection its batch is answered.
    pub fn flush(&mut self, done: bool) {
        if self.output.is_empty() && !done && !self.close_after_reply {
            return;
        }
        self.output_hint = self.output.len().min(OUTPUT_HINT_MAX);
        let bytes = std::mem::take(&mut self.output);
        if let Some(tx) = &self.sender {
            // A closed channel means the connection is gone; nothing is left to do.
            tx.send(Out {
                bytes,
                done,
                close: self.close_after_reply,
            });
        }
    }

    /// Number of channel and pattern subscriptions (the count SUBSCRIBE replies).
    pub fn subscription_count(&self) -> usize {
        self.channels.len() + self.patterns.len()
    }

    /// Whether it subscribed to anything (channels, patterns or shard channels).
    pub fn is_subscriber(&self) -> bool {
        self.subscription_count() + self.shard_channels.len() > 0
    }

    /// Drops its record of every subscription (the executor's side is
    /// [`crate::pubsub::PubSub::unsubscribe_all`]).
    pub fn clear_subscriptions(&mut self) {
        self.channels.clear();
        self.patterns.clear();
        self.shard_channels.clear();
    }

    /// Whether the client is in RESP2 subscriber mode (only subscribe commands allowed).
    pub fn in_pubsub_mode(&self) -> bool {
        self.protocol == 2 && self.is_subscriber()
    }
}
