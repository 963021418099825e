//! Channel, pattern and shard channel subscriptions, and delivery of published messages.
//!
//! Shard channels (SSUBSCRIBE, SPUBLISH) are a namespace of their own; on a server
//! without cluster mode they behave like plain channels that only SPUBLISH reaches.

use std::collections::HashMap;

use crate::client::{Out, Outbox};
use crate::glob::glob_match;
use crate::reply::{encode, Reply};
use indexmap::IndexMap;

/// Output a subscriber may leave unread before it is disconnected.
pub const PUBSUB_OUTPUT_LIMIT: usize = 32 * 1024 * 1024;

/// Where to deliver a subscriber's messages.
#[derive(Debug, Clone)]
pub struct Subscriber {
    /// The connection's output.
    pub sender: Outbox,
    /// Its protocol, 2 or 3.
    pub protocol: u8,
}

/// Every subscription.
#[derive(Debug, Default)]
pub struct PubSub {
    channels: HashMap<Vec<u8>, IndexMap<u64, Subscriber>>,
    patterns: IndexMap<Vec<u8>, IndexMap<u64, Subscriber>>,
    shard_channels: HashMap<Vec<u8>, IndexMap<u64, Subscriber>>,
}

/// Adds client `id` to the subscribers of `name`; false if it already was.
fn add(
    map: &mut HashMap<Vec<u8>, IndexMap<u64, Subscriber>>,
    name: &[u8],
    id: u64,
    sub: Subscriber,
) -> bool {
    map.entry(name.to_vec())
        .or_default()
        .insert(id, sub)
        .is_none()
}

/// Removes client `id` from the subscribers of `name`.
fn remove(map: &mut HashMap<Vec<u8>, IndexMap<u64, Subscriber>>, name: &[u8], id: u64) {
    if let Some(subs) = map.get_mut(name) {
        subs.shift_remove(&id);
        if subs.is_empty() {
            map.remove(name);
        }
    }
}

/// Like Redis's `client-output-buffer-limit pubsub 32mb`: a subscriber that does not
/// read is disconnected instead of growing without bound.
fn deliver(sub: &Subscriber, reply: &Reply) {
    if sub.sender.queued() > PUBSUB_OUTPUT_LIMIT {
        sub.sender.kill();
        return;
    }
    let mut bytes = Vec::new();
    encode(reply, sub.protocol, &mut bytes);
    sub.sender.send(Out {
        bytes,
        done: false,
        close: false,
    });
}

/// Names in `map` matching `pattern` (all when none).
fn matching(
    map: &HashMap<Vec<u8>, IndexMap<u64, Subscriber>>,
    pattern: Option<&[u8]>,
) -> Vec<Vec<u8>> {
    map.keys()
        .filter(|c| pattern.is_none_or(|p| glob_match(p, c, false)))
        .cloned()
        .collect()
}

impl PubSub {
    /// Subscribes client `id` to `channel`; false if it already was.
    pub fn subscribe(&mut self, channel: &[u8], id: u64, sub: Subscriber) -> bool {
        add(&mut self.channels, channel, id, sub)
    }

    /// Unsubscribes client `id` from `channel`.
    pub fn unsubscribe(&mut self, channel: &[u8], id: u64) {
        remove(&mut self.channels, channel, id);
    }

    /// Subscribes client `id` to the shard channel `channel`; false if it already was.
    pub fn ssubscribe(&mut self, channel: &[u8], id: u64, sub: Subscriber) -> bool {
        add(&mut self.shard_channels, channel, id, sub)
    }

    /// Unsubscribes client `id` from the shard channel `channel`.
    pub fn sunsubscribe(&mut self, channel: &[u8], id: u64) {
        remove(&mut self.shard_channels, channel, id);
    }

    /// Subscribes client `id` to `pattern`.
    pub fn psubscribe(&mut self, pattern: &[u8], id: u64, sub: Subscriber) -> bool {
        self.patterns
            .entry(pattern.to_vec())
            .or_default()
            .insert(id, sub)
            .is_none()
    }

    /// Unsubscribes client `id` from `pattern`.
    pub fn punsubscribe(&mut self, pattern: &[u8], id: u64) {
        if let Some(subs) = self.patterns.get_mut(pattern) {
            subs.shift_remove(&id);
            if subs.is_empty() {
                self.patterns.shift_remove(pattern);
            }
        }
    }

    /// Drops every subscription of client `id`.
    pub fn unsubscribe_all(&mut self, id: u64) {
        for map in [&mut self.channels, &mut self.shard_channels] {
            map.retain(|_, subs| {
                subs.shift_remove(&id);
                !subs.is_empty()
            });
        }
        self.patterns.retain(|_, subs| {
            subs.shift_remove(&id);
            !subs.is_empty()
        });
    }

    /// Sends `message` to the subscribers of `channel`; returns how many got it.
    pub fn publish(&mut self, channel: &[u8], message: &[u8]) -> i64 {
        let mut receivers = 0;
        if let Some(subs) = self.channels.get(channel) {
            let reply = Reply::Push(vec![
                Reply::bulk("message"),
                Reply::bulk(channel),
                Reply::bulk(message),
            ]);
            for sub in subs.values() {
                deliver(sub, &reply);
                receivers += 1;
            }
        }
        for (pattern, subs) in &self.patterns {
            if !glob_match(pattern, channel, false) {
                continue;
            }
            let reply = Reply::Push(vec![
                Reply::bulk("pmessage"),
                Reply::bulk(pattern.as_slice()),
                Reply::bulk(channel),
                Reply::bulk(message),
            ]);
            for sub in subs.values() {
                deliver(sub, &reply);
                receivers += 1;
            }
        }
        receivers
    }

    /// Sends `message` to the subscribers of the shard channel `channel`; returns how
    /// many got it.
    pub fn spublish(&mut self, channel: &[u8], message: &[u8]) -> i64 {
        let Some(subs) = self.shard_channels.get(channel) else {
            return 0;
        };
        let reply = Reply::Push(vec![
            Reply::bulk("smessage"),
            Reply::bulk(channel),
            Reply::bulk(message),
        ]);
        for sub in subs.values() {
            deliver(sub, &reply);
        }
        subs.len() as i64
    }

    /// Active channels matching `pattern` (all when none).
    pub fn channels(&self, pattern: Option<&[u8]>) -> Vec<Vec<u8>> {
        matching(&self.channels, pattern)
    }

    /// Active shard channels matching `pattern` (all when none).
    pub fn shard_channels(&self, pattern: Option<&[u8]>) -> Vec<Vec<u8>> {
        matching(&self.shard_channels, pattern)
    }

    /// Subscribers of `channel`.
    pub fn numsub(&self, channel: &[u8]) -> usize {
        self.channels.get(channel).map_or(0, |s| s.len())
    }

    /// Subscribers of the shard channel `channel`.
    pub fn shard_numsub(&self, channel: &[u8]) -> usize {
        self.shard_channels.get(channel).map_or(0, |s| s.len())
    }

    /// Number of distinct patterns subscribed to.
    pub fn numpat(&self) -> usize {
        self.patterns.len()
    }
}
