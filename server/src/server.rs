//! Starting and stopping the server: the listener, the I/O runtime (one worker) and the
//! executor thread.

use std::io;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::watch;

use crate::acl::Acl;
use crate::busy::BusyState;
use crate::command::CommandTable;
use crate::config::Config;
use crate::connection;
use crate::executor::{Exec, ExecHandle, Request};

/// Stack size of the threads that run commands (the I/O worker, the threads a busy
/// script hands it to, the executor thread): scripts run on them and recurse in reply
/// conversion.
const COMMAND_STACK: usize = 64 * 1024 * 1024;

/// How long the listener waits after a failed accept.
const ACCEPT_RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(50);

/// State shared by the executor and every connection task.
#[derive(Debug)]
pub struct Shared {
    /// The long-running command, if any.
    pub busy: BusyState,
    /// `proto-max-bulk-len`.
    pub max_bulk_len: AtomicI64,
    /// `maxclients`.
    pub maxclients: AtomicUsize,
    /// Connected clients.
    pub connected: AtomicUsize,
    /// Bytes read from clients.
    pub net_input_bytes: AtomicU64,
    /// Bytes written to clients.
    pub net_output_bytes: AtomicU64,
    /// Connections refused because of `maxclients`.
    pub rejected_connections: AtomicU64,
    /// Whether new connections must authenticate (the default user has a password).
    pub auth_required: AtomicBool,
    /// A copy of the users, for connection tasks answering AUTH and HELLO while a
    /// script is busy (the executor republishes it when the users change).
    acl: Mutex<Arc<Acl>>,
    /// Random id of this server run (INFO's `run_id`).
    pub run_id: u128,
    next_client_id: AtomicU64,
    shutting_down: AtomicBool,
    shutdown_tx: watch::Sender<bool>,
}

impl Shared {
    fn new(config: &Config) -> Shared {
        let busy = BusyState::new(config.busy_reply_threshold_ms);
        busy.kill_rollback
            .store(config.script_kill_rollback, Ordering::SeqCst);
        Shared {
            busy,
            max_bulk_len: AtomicI64::new(config.proto_max_bulk_len),
            maxclients: AtomicUsize::new(config.maxclients),
            connected: AtomicUsize::new(0),
            net_input_bytes: AtomicU64::new(0),
            net_output_bytes: AtomicU64::new(0),
            rejected_connections: AtomicU64::new(0),
            auth_required: AtomicBool::new(config.requirepass.is_some()),
            acl: Mutex::new(Arc::new(Acl::new(config.requirepass.as_deref()))),
            run_id: {
                let mut rng = crate::executor::Rng::new();
                u128::from(rng.next_u64()) << 32 | u128::from(rng.next_u64() as u32)
            },
            next_client_id: AtomicU64::new(1),
            shutting_down: AtomicBool::new(false),
            shutdown_tx: watch::channel(false).0,
        }
    }

    /// The users as the executor last published them.
    pub fn acl(&self) -> Arc<Acl> {
        match self.acl.lock() {
            Ok(acl) => Arc::clone(&acl),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Publishes a copy of the users.
    pub fn publish_acl(&self, acl: &Acl) {
        let copy = Arc::new(acl.clone());
        match self.acl.lock() {
            Ok(mut slot) => *slot = copy,
            Err(poisoned) => *poisoned.into_inner() = copy,
        }
    }

    /// A new client id.
    pub fn next_client_id(&self) -> u64 {
        self.next_client_id.fetch_add(1, Ordering::SeqCst)
    }

    /// Stops the server: the listener, every connection and the executor.
    pub fn request_shutdown(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
        self.shutdown_tx.send_replace(true);
    }

    /// Whether the server is stopping.
    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::SeqCst)
    }

    /// A receiver that changes when the server stops.
    pub fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.shutdown_tx.subscribe()
    }
}

/// The server.
pub struct Server;

/// A running server.
pub struct ServerHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    io_thread: Option<JoinHandle<()>>,
    exec_thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server with the built-in and scripting commands; returns once it listens.
    pub fn start(config: Config) -> io::Result<ServerHandle> {
        let mut table = CommandTable::builtin().map_err(io::Error::other)?;
        crate::scripting::install(&mut table).map_err(io::Error::other)?;
        Server::start_with_commands(config, table)
    }

    /// Starts a server answering the commands of `table` (the built-in table plus
    /// extensions, such as the scripting commands).
    pub fn start_with_commands(
        mut config: Config,
        table: CommandTable,
    ) -> io::Result<ServerHandle> {
        fit_maxclients_to_fd_limit(&mut config);
        // One worker runs every connection task (and the batches they run inline). A
        // multi-threaded runtime of one worker, not a current-thread one: a script that
        // runs long can then hand the worker to another thread (`block_in_place`).
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("redmoon-io")
            .thread_stack_size(COMMAND_STACK)
            .enable_all()
            .build()?;
        let listener = {
            let _reactor = runtime.enter();
            listen(&config)?
        };
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(&config));
        let (tx, rx) = mpsc::channel::<Request>();
        let handle_signals = config.handle_signals;
        let state = Arc::new(Mutex::new(Exec::new(
            config,
            Arc::new(table),
            Arc::clone(&shared),
        )));
        let exec = ExecHandle {
            state: Arc::clone(&state),
            queue: tx,
        };
        let exec_thread = std::thread::Builder::new()
            .name("redmoon-executor".into())
            .stack_size(COMMAND_STACK)
            .spawn(move || Exec::run(state, rx))?;
        let io_shared = Arc::clone(&shared);
        let io_thread = std::thread::Builder::new()
            .name("redmoon-runtime".into())
            .spawn(move || {
                runtime.block_on(async move {
                    if handle_signals {
                        tokio::spawn(wait_for_signal(Arc::clone(&io_shared)));
                    }
                    // On the worker, with the connections it spawns.
                    let _ = tokio::spawn(accept_loop(listener, io_shared, exec)).await;
                });
            })?;
        tracing::info!("Ready to accept connections tcp on {addr}");
        Ok(ServerHandle {
            addr,
            shared,
            io_thread: Some(io_thread),
            exec_thread: Some(exec_thread),
        })
    }
}

/// Lowers `maxclients` to what the open-files limit allows, as Redis does, so that the
/// clients over it get `-ERR max number of clients reached` rather than waiting for a
/// descriptor in the listen queue.
fn fit_maxclients_to_fd_limit(config: &mut Config) {
    let Some(limit) = crate::config::open_files_limit() else {
        return;
    };
    let wanted = config.maxclients as u64 + crate::config::RESERVED_FDS;
    if limit >= wanted {
        return;
    }
    let fitting = limit.saturating_sub(crate::config::RESERVED_FDS).max(1);
    tracing::warn!(
        "You requested maxclients of {} requiring at least {wanted} max file descriptors. \
         Current maximum open files is {limit}. maxclients has been reduced to {fitting} \
         to compensate for low ulimit. If you need higher maxclients increase 'ulimit -n'.",
        config.maxclients
    );
    config.maxclients = usize::try_from(fitting).unwrap_or(usize::MAX);
}

/// Listens on `bind`:`port` with Redis's `tcp-backlog` (511): a burst of connections
/// waits in the kernel's queue while the I/O thread is away, instead of being dropped
/// and retried by the clients a second later. Must run inside the runtime.
fn listen(config: &Config) -> io::Result<TcpListener> {
    let backlog = config
        .passive
        .get("tcp-backlog")
        .and_then(|b| b.parse().ok())
        .unwrap_or(511);
    let mut last_error = io::Error::new(io::ErrorKind::AddrNotAvailable, "no address to bind");
    for addr in (config.bind.as_str(), config.port).to_socket_addrs()? {
        let socket = if addr.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        // As std's bind does on Unix: a restarted server can take its port back at once.
        #[cfg(unix)]
        socket.set_reuseaddr(true)?;
        match socket.bind(addr).and_then(|()| socket.listen(backlog)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last_error = e,
        }
    }
    Err(last_error)
}

async fn wait_for_signal(shared: Arc<Shared>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => tracing::warn!("Received SIGINT scheduling shutdown..."),
            _ = term.recv() => tracing::warn!("Received SIGTERM scheduling shutdown..."),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        tracing::warn!("Received SIGINT scheduling shutdown...");
    }
    shared.request_shutdown();
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, exec: ExecHandle) {
    let mut stop = shared.shutdown_signal();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                match accepted {
                    Ok((stream, _)) => {
                        tokio::spawn(connection::serve(stream, Arc::clone(&shared), exec.clone()));
                    }
                    Err(e) => {
                        // Out of file descriptors (or another resource): the error comes
                        // back at once on every retry, so pause rather than spin; the
                        // waiting connections stay in the backlog meanwhile.
                        tracing::warn!("accept failed: {e}");
                        tokio::time::sleep(ACCEPT_RETRY_PAUSE).await;
                    }
                }
            }
            _ = stop.changed() => break,
        }
        if shared.is_shutting_down() {
            break;
        }
    }
    // Let connection tasks see the signal and close.
    tokio::task::yield_now().await;
}

impl ServerHandle {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Whether the server is stopping or stopped.
    pub fn is_stopped(&self) -> bool {
        self.shared.is_shutting_down()
    }

    /// Stops the server and waits for its threads.
    pub fn shutdown(mut self) {
        self.shared.request_shutdown();
        self.join();
    }

    /// Waits until the server stops (SHUTDOWN, a signal, or [`ServerHandle::shutdown`]).
    pub fn wait(mut self) {
        self.join();
    }

    fn join(&mut self) {
        if let Some(t) = self.exec_thread.take() {
            let _ = t.join();
        }
        if let Some(t) = self.io_thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shared.request_shutdown();
        self.join();
    }
}
