//! Channel and pattern subscriptions, and delivery of published messages.

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
}

impl PubSub {
    /// Subscribes client `id` to `channel`; false if it already was.
    pub fn subscribe(&mut self, channel: &[u8], id: u64, sub: Subscriber) -> bool {
        self.channels
            .entry(channel.to_vec())
            .or_default()
            .insert(id, sub)
            .is_none()
    }

    /// Unsubscribes client `id` from `channel`.
    pub fn unsubscribe(&mut self, channel: &[u8], id: u64) {
        if let Some(subs) = self.channels.get_mut(channel) {
            subs.shift_remove(&id);
            if subs.is_empty() {
                self.channels.remove(channel);
            }
        }
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
        self.channels.retain(|_, subs| {
            subs.shift_remove(&id);
            !subs.is_empty()
        });
        self.patterns.retain(|_, subs| {
            subs.shift_remove(&id);
            !subs.is_empty()
        });
    }

    /// Sends `message` to the subscribers of `channel`; returns how many got it.
    pub fn publish(&mut self, channel: &[u8], message: &[u8]) -> i64 {
        let mut receivers = 0;
        let deliver = |sub: &Subscriber, reply: &Reply| {
            // Like Redis's `client-output-buffer-limit pubsub 32mb`: a subscriber that
            // does not read is disconnected instead of growing without bound.
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
        };
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

    /// Active channels matching `pattern` (all when none).
    pub fn channels(&self, pattern: Option<&[u8]>) -> Vec<Vec<u8>> {
        self.channels
            .keys()
            .filter(|c| pattern.is_none_or(|p| glob_match(p, c, false)))
            .cloned()
            .collect()
    }

    /// Subscribers of `channel`.
    pub fn numsub(&self, channel: &[u8]) -> usize {
        self.channels.get(channel).map_or(0, |s| s.len())
    }

    /// Number of distinct patterns subscribed to.
    pub fn numpat(&self) -> usize {
        self.patterns.len()
    }
}
