//! MULTI / EXEC / DISCARD / WATCH / UNWATCH.

use std::sync::Arc;

use bytes::Bytes;

use crate::client::Client;
use crate::command::{flags, Handler};
use crate::executor::Exec;
use crate::reply::Reply;

/// The transaction handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("multi", multi),
    ("exec", exec),
    ("discard", discard),
    ("watch", watch),
    ("unwatch", unwatch),
];

fn multi(_ex: &mut Exec, c: &mut Client, _argv: &[Bytes]) -> Reply {
    if c.multi.is_some() {
        return Reply::error("ERR MULTI calls can not be nested");
    }
    c.multi = Some(Vec::new());
    c.multi_error = false;
    Reply::ok()
}

fn exec(ex: &mut Exec, c: &mut Client, _argv: &[Bytes]) -> Reply {
    let Some(queue) = c.multi.take() else {
        return Reply::error("ERR EXEC without MULTI");
    };
    let aborted = std::mem::take(&mut c.multi_error);
    let dirty = ex.watch_failed(c);
    ex.unwatch_all(c);
    if aborted {
        return Reply::error("EXECABORT Transaction discarded because of previous errors.");
    }
    if dirty {
        return Reply::NullArray;
    }
    let table = Arc::clone(&ex.table);
    let was_blocking = c.may_block;
    c.may_block = false;
    let mut replies = Vec::with_capacity(queue.len());
    for argv in queue {
        let reply = match ex.lookup(&table, &argv) {
            Ok(cmd) => {
                // Memory may have grown since the command was queued.
                if cmd.has(flags::DENYOOM) && ex.config.maxmemory > 0 {
                    match crate::maxmemory::free_memory_if_needed(ex) {
                        Some(e) => e,
                        None => ex.call(c, cmd, &argv),
                    }
                } else {
                    ex.call(c, cmd, &argv)
                }
            }
            Err(e) => e,
        };
        replies.push(reply);
    }
    c.may_block = was_blocking;
    Reply::Array(replies)
}

fn discard(ex: &mut Exec, c: &mut Client, _argv: &[Bytes]) -> Reply {
    if c.multi.take().is_none() {
        return Reply::error("ERR DISCARD without MULTI");
    }
    c.multi_error = false;
    ex.unwatch_all(c);
    Reply::ok()
}

fn watch(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    if c.multi.is_some() {
        return Reply::error("ERR WATCH inside MULTI is not allowed");
    }
    for key in &argv[1..] {
        ex.watch(c, key);
    }
    Reply::ok()
}

fn unwatch(ex: &mut Exec, c: &mut Client, _argv: &[Bytes]) -> Reply {
    ex.unwatch_all(c);
    Reply::ok()
}
