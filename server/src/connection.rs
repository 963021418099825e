//! A connection task: reads requests, sends them to the executor in batches, writes the
//! replies back.
//!
//! Every complete request read in one go travels to the executor as one batch, and the
//! replies come back together, which makes pipelining cheap. One batch is in flight at
//! a time, so replies stay in order and a client that never reads its replies cannot
//! make the server buffer without bound. While a script is busy past the threshold, the
//! task answers `-BUSY` itself and handles SCRIPT KILL, FUNCTION KILL and SHUTDOWN NOSAVE.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc::unbounded_channel;

use crate::busy::{busy_error, LongKind};
use crate::client::{ClientView, KillSwitch, Out, Outbox};
use crate::cmd::security::auth_user;
use crate::cmd::server::{hello_session, Session};
use crate::executor::{Batch, Deferred, ExecHandle, Request};
use crate::frame::{Limits, Parsed, Parser};
use crate::reply::{encode, Reply};
use crate::server::Shared;

/// Stop reading from a client that has this much unanswered input buffered.
const MAX_BUFFERED: usize = 1024 * 1024 * 1024;

/// Serves one client until it disconnects or the server stops.
pub async fn serve(mut stream: TcpStream, shared: Arc<Shared>, exec: ExecHandle) {
    let connected = shared.connected.fetch_add(1, Ordering::SeqCst);
    if connected >= shared.maxclients.load(Ordering::SeqCst) {
        shared.rejected_connections.fetch_add(1, Ordering::SeqCst);
        let _ = stream
            .write_all(b"-ERR max number of clients reached\r\n")
            .await;
        shared.connected.fetch_sub(1, Ordering::SeqCst);
        return;
    }
    let _ = stream.set_nodelay(true);
    let id = shared.next_client_id();
    let (tx, mut rx) = unbounded_channel();
    let queued = Arc::new(AtomicUsize::new(0));
    let kill = Arc::new(KillSwitch::default());
    let view = Arc::new(ClientView::default());
    view.authenticated.store(
        !shared.auth_required.load(Ordering::SeqCst),
        Ordering::Relaxed,
    );
    view.protocol.store(2, Ordering::Relaxed);
    let addr = stream
        .peer_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let laddr = stream
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    if exec
        .connect(
            Request::Connect {
                id,
                addr,
                laddr,
                sender: Outbox::new(tx, Arc::clone(&queued), Arc::clone(&kill)),
                view: Arc::clone(&view),
            },
            &view,
        )
        .is_err()
    {
        shared.connected.fetch_sub(1, Ordering::SeqCst);
        return;
    }
    let mut conn = Connection {
        id,
        buf: BytesMut::with_capacity(16 * 1024),
        parser: Parser::new(),
        in_flight: false,
        pipelined: false,
        closing: false,
        shared: Arc::clone(&shared),
        exec: exec.clone(),
        session: BusySession::default(),
        deferred: Vec::new(),
        view,
    };
    conn.session.refresh(&conn.view);
    let mut stop_signal = shared.shutdown_signal();
    // One long-lived future for "stop now" (server shutdown or this client killed), so
    // the loop does not register new waiters on every event.
    let stop = async {
        tokio::select! {
            _ = stop_signal.changed() => {}
            _ = kill.pulled() => {}
        }
    };
    let mut stop = std::pin::pin!(stop);
    let (mut reader, mut writer) = stream.split();
    loop {
        // The loop below polls `stop` only when nothing else is ready (polling it
        // costs more than the rest of a turn): a busy connection checks here.
        if kill.is_pulled() || shared.is_shutting_down() {
            break;
        }
        // Reuse the buffer's allocation once the executor dropped the parsed frames.
        if conn.buf.capacity() - conn.buf.len() < 4096 {
            conn.buf.reserve(16 * 1024);
        }
        let event = tokio::select! {
            biased;
            read = reader.read_buf(&mut conn.buf), if !conn.closing && conn.buf.len() < MAX_BUFFERED => Event::Read(read),
            out = rx.recv() => Event::Output(out),
            _ = &mut stop => break,
        };
        let mut output = match event {
            Event::Output(None) => break,
            Event::Output(Some(out)) => Some(out),
            Event::Read(read) => {
                match read {
                    // The client closed (or half-closed) its side: what it sent before
                    // still runs, and its replies are written while the socket accepts them.
                    Ok(0) | Err(_) => conn.closing = true,
                    Ok(n) => {
                        shared
                            .net_input_bytes
                            .fetch_add(n as u64, Ordering::Relaxed);
                    }
                }
                if !conn.in_flight {
                    let local = conn.submit();
                    if !write_unless_stopped(&mut writer, &local, &mut stop).await {
                        break;
                    }
                }
                if conn.closing && !conn.in_flight {
                    break;
                }
                // Let the other connections that are ready run their batches first, and
                // write after them, as Redis writes all replies after a round of reads: a
                // client woken by the first reply then finds the others already there,
                // where a write after each batch would wake it (and pay the cross-CPU
                // wake-up in the kernel) once per batch. Only for pipelined batches: for
                // one request at a time the extra turn of the scheduler (and poll of the
                // reactor) costs more than it saves (redis-benchmark -P 1, medians of
                // four runs: 9.0 against 8.7 µs of CPU a request).
                if conn.in_flight && conn.pipelined {
                    tokio::task::yield_now().await;
                }
                // A batch run on this thread has its replies queued already: write them
                // after the yield rather than after another turn of the loop.
                rx.try_recv().ok()
            }
        };
        let mut stop_now = false;
        while let Some(out) = output.take() {
            queued.fetch_sub(out.bytes.len(), Ordering::Relaxed);
            shared
                .net_output_bytes
                .fetch_add(out.bytes.len() as u64, Ordering::Relaxed);
            if !write_unless_stopped(&mut writer, &out.bytes, &mut stop).await || out.close {
                stop_now = true;
                break;
            }
            if out.done {
                conn.in_flight = false;
                conn.session.refresh(&conn.view);
                let local = conn.submit();
                if !write_unless_stopped(&mut writer, &local, &mut stop).await
                    || (conn.closing && !conn.in_flight)
                {
                    stop_now = true;
                    break;
                }
            }
            output = rx.try_recv().ok();
        }
        if stop_now {
            break;
        }
    }
    let _ = writer.flush().await;
    let _ = exec.disconnect(id, &conn.view);
    shared.connected.fetch_sub(1, Ordering::SeqCst);
}

/// What woke a connection task.
enum Event {
    /// Bytes from the client (or its hang-up).
    Read(std::io::Result<usize>),
    /// Output from the executor (none when the executor is gone).
    Output(Option<Out>),
}

/// Writes `bytes`; false when the write failed or the connection must stop meanwhile.
async fn write_unless_stopped<W, S>(writer: &mut W, bytes: &[u8], stop: &mut Pin<&mut S>) -> bool
where
    W: AsyncWriteExt + Unpin,
    S: Future<Output = ()>,
{
    if bytes.is_empty() {
        return true;
    }
    // The write first: one that completes at once (the usual case) leaves `stop`
    // unpolled; one that waits for the socket polls it, and stops on it.
    tokio::select! {
        biased;
        written = writer.write_all(bytes) => written.is_ok(),
        _ = stop.as_mut() => false,
    }
}

struct Connection {
    id: u64,
    buf: BytesMut,
    parser: Parser,
    in_flight: bool,
    /// Whether the last batch submitted held more than one request.
    pipelined: bool,
    closing: bool,
    shared: Arc<Shared>,
    exec: ExecHandle,
    /// The executor's view of the client, as of the last answered batch.
    view: Arc<ClientView>,
    /// The client's state as this task changed it while a script was busy.
    session: BusySession,
    /// Those changes, for the executor to apply once it is free.
    deferred: Vec<Deferred>,
}

/// The connection state that AUTH, HELLO, RESET and the transaction commands change
/// while a script is busy: a copy of the executor's, kept by the connection task.
#[derive(Default)]
struct BusySession {
    user: String,
    authenticated: bool,
    protocol: u8,
    name: Option<Vec<u8>>,
    in_multi: bool,
}

impl BusySession {
    fn refresh(&mut self, view: &ClientView) {
        self.authenticated = view.authenticated.load(Ordering::Relaxed);
        self.protocol = view.protocol.load(Ordering::Relaxed);
        self.in_multi = view.in_multi.load(Ordering::Relaxed);
    }
}

impl Connection {
    /// Parses what is buffered and sends it to the executor. Returns bytes to write at
    /// once (replies given here while a script is busy).
    fn submit(&mut self) -> Vec<u8> {
        let limits = Limits {
            max_bulk_len: self.shared.max_bulk_len.load(Ordering::Relaxed),
            authenticated: self.view.authenticated.load(Ordering::Relaxed),
        };
        let mut commands = Batch::new();
        let mut protocol_error = None;
        let mut local = Vec::new();
        loop {
            match self.parser.parse(&mut self.buf, limits) {
                Ok(Parsed::Command(argv)) => {
                    if commands.is_empty() {
                        if let Some(kind) = self.shared.busy.busy_now() {
                            if self.answer_while_busy(kind, &argv, &mut local) {
                                if self.closing {
                                    break;
                                }
                                continue;
                            }
                        }
                    }
                    commands.push(argv);
                    // AUTH changes the limits for what follows.
                    if !limits.authenticated {
                        break;
                    }
                }
                Ok(Parsed::Empty) => {}
                Ok(Parsed::Incomplete) => break,
                Err(e) => {
                    protocol_error = Some(e.0);
                    self.closing = true;
                    break;
                }
            }
        }
        if !self.deferred.is_empty() {
            let actions = std::mem::take(&mut self.deferred);
            if self
                .exec
                .send(
                    Request::Deferred {
                        id: self.id,
                        actions,
                    },
                    Some(&self.view),
                )
                .is_err()
            {
                self.closing = true;
            }
        }
        if commands.is_empty() && protocol_error.is_none() {
            return local;
        }
        if let Some(msg) = &protocol_error {
            tracing::info!("Protocol error ({msg}) from client id={}", self.id);
        }
        self.pipelined = commands.len() > 1;
        let sent = self.exec.submit(
            Request::Batch {
                id: self.id,
                commands,
                protocol_error,
            },
            &self.view,
        );
        self.in_flight = sent.is_ok();
        if sent.is_err() {
            self.closing = true;
        }
        local
    }

    /// Answers a request while a script is busy, as Redis does: commands flagged
    /// allow-busy (AUTH, HELLO, MULTI, DISCARD, WATCH, UNWATCH, RESET, QUIT, SCRIPT KILL,
    /// FUNCTION KILL, SHUTDOWN NOSAVE) run against this task's copy of the client's state
    /// and are replayed by the executor later; the rest get `-BUSY`.
    fn answer_while_busy(&mut self, kind: LongKind, argv: &[Bytes], out: &mut Vec<u8>) -> bool {
        let word = |i: usize| {
            argv.get(i)
                .map(|a| String::from_utf8_lossy(a).to_ascii_lowercase())
                .unwrap_or_default()
        };
        let name = word(0);
        let busy = self.shared.busy.busy_now().unwrap_or(kind);
        let busy_reply = || Reply::error(busy_error(busy));
        let session = &mut self.session;
        let mut replay = true;
        let reply = match (name.as_str(), word(1).as_str()) {
            ("quit", _) => {
                self.closing = true;
                replay = false;
                Reply::ok()
            }
            ("auth" | "hello" | "unwatch", _) if session.in_multi => Reply::status("QUEUED"),
            ("auth", _) => match auth_user(&self.shared.acl(), argv) {
                Ok(user) => {
                    session.user = user;
                    session.authenticated = true;
                    Reply::ok()
                }
                Err(e) => e,
            },
            ("hello", _) => {
                let s = Session {
                    id: self.id,
                    user: &mut session.user,
                    authenticated: &mut session.authenticated,
                    protocol: &mut session.protocol,
                    name: &mut session.name,
                };
                hello_session(&self.shared.acl(), s, argv)
            }
            ("multi", _) if session.in_multi => Reply::error("ERR MULTI calls can not be nested"),
            ("multi", _) => {
                session.in_multi = true;
                Reply::ok()
            }
            ("discard", _) if !session.in_multi => Reply::error("ERR DISCARD without MULTI"),
            ("discard", _) => {
                session.in_multi = false;
                Reply::ok()
            }
            ("watch", _) if session.in_multi => {
                Reply::error("ERR WATCH inside MULTI is not allowed")
            }
            ("watch" | "unwatch", _) => Reply::ok(),
            ("reset", _) => {
                session.in_multi = false;
                session.protocol = 2;
                session.name = None;
                session.authenticated = self.shared.acl().default_user_needs_no_auth();
                Reply::status("RESET")
            }
            ("exec", _) if session.in_multi => {
                // Refused like any command, EXEC aborts the transaction.
                session.in_multi = false;
                self.deferred
                    .push(Deferred::Replay(vec![Bytes::from_static(b"DISCARD")]));
                replay = false;
                Reply::error(format!(
                    "EXECABORT Transaction discarded because of: {}",
                    busy_error(busy)
                ))
            }
            ("script", "kill") | ("function", "kill") => {
                replay = false;
                let wants = if name == "script" {
                    LongKind::Eval
                } else {
                    LongKind::Function
                };
                match self.shared.busy.kill(wants, busy) {
                    Ok(()) => Reply::ok(),
                    Err(e) => Reply::error(e),
                }
            }
            ("shutdown", _)
                if argv
                    .iter()
                    .skip(1)
                    .any(|a| a.eq_ignore_ascii_case(b"nosave")) =>
            {
                self.shared.busy.interrupt();
                self.shared.request_shutdown();
                return true;
            }
            _ => {
                replay = false;
                if session.in_multi {
                    self.deferred.push(Deferred::FlagTransaction);
                }
                busy_reply()
            }
        };
        if replay {
            self.deferred.push(Deferred::Replay(argv.to_vec()));
        }
        self.view
            .authenticated
            .store(self.session.authenticated, Ordering::Relaxed);
        encode(&reply, self.session.protocol, out);
        true
    }
}
