//! What the executor publishes about a long-running command, for connection tasks.
//!
//! While a script (or any command that declares itself long-running) has run past the
//! busy threshold, connection tasks answer other clients `-BUSY` themselves and can ask
//! it to stop by setting the interrupt flag, which the running code checks.

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What kind of long-running command is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongKind {
    /// An EVAL script.
    Eval,
    /// A function (FCALL).
    Function,
    /// Anything else that declared itself long-running.
    Other,
}

/// The state shared between the executor and connection tasks.
#[derive(Debug)]
pub struct BusyState {
    /// Start time in ms of the long-running command, 0 when none runs.
    started_ms: AtomicI64,
    kind: AtomicU8,
    wrote: AtomicBool,
    interrupt: Arc<AtomicBool>,
    /// Busy threshold in ms (`busy-reply-threshold`).
    pub threshold_ms: AtomicI64,
    /// Whether a script that wrote can be killed, its writes rolled back
    /// (`script-kill-rollback`).
    pub kill_rollback: AtomicBool,
    /// The running script's undo log: [`UNDO_KEPT`], [`UNDO_GIVEN_UP`] or
    /// [`UNDO_KILL_REQUESTED`]; one compare-and-swap decides between a kill and giving
    /// the log up, so a kill that was accepted always finds the log.
    undo: AtomicU8,
    /// Whether the running command let the other connections be served already.
    others_served: AtomicBool,
}

/// The undo log is kept (the initial state).
const UNDO_KEPT: u8 = 0;
/// The undo log grew too large and was dropped: the script can no longer be killed.
const UNDO_GIVEN_UP: u8 = 1;
/// A kill was accepted: the log must be kept until the script stops.
const UNDO_KILL_REQUESTED: u8 = 2;

impl BusyState {
    /// No long-running command, with the given threshold.
    pub fn new(threshold_ms: i64) -> BusyState {
        BusyState {
            started_ms: AtomicI64::new(0),
            kind: AtomicU8::new(0),
            wrote: AtomicBool::new(false),
            interrupt: Arc::new(AtomicBool::new(false)),
            threshold_ms: AtomicI64::new(threshold_ms),
            kill_rollback: AtomicBool::new(true),
            undo: AtomicU8::new(UNDO_KEPT),
            others_served: AtomicBool::new(false),
        }
    }

    /// Marks the start of a long-running command (executor side).
    pub fn begin(&self, kind: LongKind, now_ms: i64) {
        self.interrupt.store(false, Ordering::SeqCst);
        self.wrote.store(false, Ordering::SeqCst);
        self.undo.store(UNDO_KEPT, Ordering::SeqCst);
        self.others_served.store(false, Ordering::SeqCst);
        self.kind.store(
            match kind {
                LongKind::Eval => 1,
                LongKind::Function => 2,
                LongKind::Other => 3,
            },
            Ordering::SeqCst,
        );
        self.started_ms.store(now_ms.max(1), Ordering::SeqCst);
    }

    /// Marks its end (executor side).
    pub fn end(&self) {
        self.started_ms.store(0, Ordering::SeqCst);
        self.interrupt.store(false, Ordering::SeqCst);
    }

    /// Records that the running command wrote to the dataset (so it cannot be killed).
    pub fn mark_wrote(&self) {
        self.wrote.store(true, Ordering::SeqCst);
    }

    /// The interrupt flag that the running code checks.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.interrupt)
    }

    /// The running code's periodic check: whether it was asked to stop (after
    /// [`BusyState::let_others_be_served`]).
    pub fn interrupted(&self) -> bool {
        self.let_others_be_served();
        self.interrupt.load(Ordering::SeqCst)
    }

    /// Once the running command is past the busy threshold, makes sure the other
    /// connections are served (answered `-BUSY`, able to kill it), as Redis serves
    /// clients from its busy-script hook. Long-running code calls it at its
    /// checkpoints. A command running inline on the I/O worker holds up every
    /// connection of that worker: it hands the worker (its tokio core) to another
    /// thread and goes on where it is. On the executor thread there is nothing to do.
    pub fn let_others_be_served(&self) {
        if self.others_served.load(Ordering::Relaxed) || self.busy_now().is_none() {
            return;
        }
        let on_worker = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        if !on_worker || hand_off_worker() {
            self.others_served.store(true, Ordering::Relaxed);
        }
    }

    /// The kind of command that has run past the threshold at `now_ms`, if any.
    pub fn busy(&self, now_ms: i64) -> Option<LongKind> {
        let started = self.started_ms.load(Ordering::SeqCst);
        if started == 0 || now_ms - started < self.threshold_ms.load(Ordering::SeqCst) {
            return None;
        }
        Some(match self.kind.load(Ordering::SeqCst) {
            1 => LongKind::Eval,
            2 => LongKind::Function,
            _ => LongKind::Other,
        })
    }

    /// The kind of command that has run past the threshold now, if any. Reads the clock
    /// only while something long-running is under way.
    pub fn busy_now(&self) -> Option<LongKind> {
        if self.started_ms.load(Ordering::SeqCst) == 0 {
            return None;
        }
        self.busy(crate::executor::unix_ms())
    }

    /// Whether the running command already wrote.
    pub fn wrote(&self) -> bool {
        self.wrote.load(Ordering::SeqCst)
    }

    /// Asks the running command to stop.
    pub fn interrupt(&self) {
        self.interrupt.store(true, Ordering::SeqCst);
    }

    /// SCRIPT KILL (`wants` is [`LongKind::Eval`]) or FUNCTION KILL while `running`
    /// is busy: asks it to stop, or says why not, in Redis's order (a script that
    /// wrote first, unless its writes can be rolled back; then the wrong kind).
    pub fn kill(&self, wants: LongKind, running: LongKind) -> Result<(), String> {
        let rollback = self.kill_rollback.load(Ordering::SeqCst)
            && self.undo.load(Ordering::SeqCst) != UNDO_GIVEN_UP;
        if self.wrote() && !rollback {
            return Err(UNKILLABLE.to_string());
        }
        if wants != running && running != LongKind::Other {
            return Err(busy_error(running));
        }
        // Claim the log (or find it claimed); it may have been given up meanwhile.
        let claimed = self.undo.compare_exchange(
            UNDO_KEPT,
            UNDO_KILL_REQUESTED,
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
        if claimed == Err(UNDO_GIVEN_UP) && self.wrote() {
            return Err(UNKILLABLE.to_string());
        }
        self.interrupt();
        Ok(())
    }

    /// The running script's undo log is too large: gives it up, unless a kill was
    /// already accepted (then the log must stay). True when given up.
    pub fn give_up_undo(&self) -> bool {
        self.undo
            .compare_exchange(UNDO_KEPT, UNDO_GIVEN_UP, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }
}

/// Gives this I/O worker's connections to another thread while the caller goes on here.
/// `block_in_place` sends the worker's core to a new thread but takes it back when its
/// closure returns, unless that thread took it first: the closure waits for a task
/// queued on the core to run over there. False when that did not happen in time (the
/// runtime stopping): the next checkpoint tries again.
fn hand_off_worker() -> bool {
    let moved = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&moved);
    drop(tokio::spawn(
        async move { flag.store(true, Ordering::SeqCst) },
    ));
    tokio::task::block_in_place(|| {
        let deadline = Instant::now() + Duration::from_millis(200);
        while !moved.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(100));
        }
    });
    moved.load(Ordering::SeqCst)
}

/// SCRIPT KILL's answer for a script that wrote, with `script-kill-rollback no`.
const UNKILLABLE: &str = "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";

/// The `-BUSY` error for a running command of `kind`.
pub fn busy_error(kind: LongKind) -> String {
    let killer = if kind == LongKind::Function {
        "FUNCTION KILL"
    } else {
        "SCRIPT KILL"
    };
    format!("BUSY Redis is busy running a script. You can only call {killer} or SHUTDOWN NOSAVE.")
}
