//! The stream type: entries by id, consumer groups and their pending entries.

use std::collections::BTreeMap;

use indexmap::IndexMap;

/// A stream entry id, `ms-seq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct StreamId {
    /// Milliseconds part.
    pub ms: u64,
    /// Sequence part.
    pub seq: u64,
}

impl StreamId {
    /// The largest id.
    pub const MAX: StreamId = StreamId {
        ms: u64::MAX,
        seq: u64::MAX,
    };

    /// `ms-seq`.
    pub fn to_bytes(self) -> Vec<u8> {
        format!("{}-{}", self.ms, self.seq).into_bytes()
    }

    /// The id right after this one, if any.
    pub fn next(self) -> Option<StreamId> {
        if self.seq < u64::MAX {
            Some(StreamId {
                ms: self.ms,
                seq: self.seq + 1,
            })
        } else if self.ms < u64::MAX {
            Some(StreamId {
                ms: self.ms + 1,
                seq: 0,
            })
        } else {
            None
        }
    }

    /// The id right before this one, if any.
    pub fn prev(self) -> Option<StreamId> {
        if self.seq > 0 {
            Some(StreamId {
                ms: self.ms,
                seq: self.seq - 1,
            })
        } else if self.ms > 0 {
            Some(StreamId {
                ms: self.ms - 1,
                seq: u64::MAX,
            })
        } else {
            None
        }
    }
}

/// An entry delivered to a consumer and not yet acknowledged.
#[derive(Debug, Clone)]
pub struct PendingEntry {
    /// The consumer that holds it.
    pub consumer: Vec<u8>,
    /// Last delivery time in ms.
    pub delivery_ms: i64,
    /// Number of deliveries.
    pub deliveries: u64,
}

/// A consumer group.
#[derive(Debug, Clone, Default)]
pub struct Group {
    /// Last id delivered to the group.
    pub last_id: StreamId,
    /// Entries read by the group, when known.
    pub entries_read: Option<u64>,
    /// Pending entries by id.
    pub pending: BTreeMap<StreamId, PendingEntry>,
    /// Consumers by name, with their last-seen time in ms.
    pub consumers: IndexMap<Vec<u8>, i64>,
}

/// The field-value pairs of one entry.
pub type Fields = Vec<(Vec<u8>, Vec<u8>)>;

/// A stream.
#[derive(Debug, Clone, Default)]
pub struct Stream {
    /// Entries: field-value pairs by id.
    pub entries: BTreeMap<StreamId, Fields>,
    /// The last id added.
    pub last_id: StreamId,
    /// Entries added over the stream's life.
    pub entries_added: u64,
    /// The largest id deleted.
    pub max_deleted_id: StreamId,
    /// Consumer groups by name.
    pub groups: IndexMap<Vec<u8>, Group>,
}

impl Stream {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Estimated bytes.
    pub fn memory(&self) -> usize {
        self.entries
            .values()
            .map(|fields| {
                32 + fields
                    .iter()
                    .map(|(f, v)| f.len() + v.len() + 16)
                    .sum::<usize>()
            })
            .sum::<usize>()
            + 64
    }
}
