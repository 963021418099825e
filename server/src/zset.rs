//! The sorted set: members ordered by (score, member), with score lookup by member.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

/// A score with the total order Redis uses (scores are never NaN).
#[derive(Debug, Clone, Copy)]
pub struct Score(pub f64);

impl PartialEq for Score {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Score {}
impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.partial_cmp(&other.0).unwrap_or(Ordering::Equal)
    }
}

/// A sorted set.
#[derive(Debug, Clone, Default)]
pub struct ZSet {
    scores: HashMap<Vec<u8>, f64>,
    order: BTreeSet<(Score, Vec<u8>)>,
}

impl ZSet {
    /// An empty sorted set.
    pub fn new() -> ZSet {
        ZSet::default()
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// Whether there is no member.
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// The score of `member`.
    pub fn score(&self, member: &[u8]) -> Option<f64> {
        self.scores.get(member).copied()
    }

    /// Sets the score of `member`; returns whether it was added (not updated).
    pub fn insert(&mut self, member: Vec<u8>, score: f64) -> bool {
        match self.scores.get_mut(&member) {
            Some(old) => {
                if *old != score || old.is_sign_negative() != score.is_sign_negative() {
                    self.order.remove(&(Score(*old), member.clone()));
                    *old = score;
                    self.order.insert((Score(score), member));
                }
                false
            }
            None => {
                self.scores.insert(member.clone(), score);
                self.order.insert((Score(score), member));
                true
            }
        }
    }

    /// Removes `member`; returns whether it was there.
    pub fn remove(&mut self, member: &[u8]) -> bool {
        match self.scores.remove(member) {
            Some(score) => {
                self.order.remove(&(Score(score), member.to_vec()));
                true
            }
            None => false,
        }
    }

    /// Members with scores in ascending order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&[u8], f64)> {
        self.order.iter().map(|(s, m)| (m.as_slice(), s.0))
    }

    /// The 0-based rank of `member` in ascending order.
    pub fn rank(&self, member: &[u8]) -> Option<usize> {
        let score = self.score(member)?;
        Some(self.order.range(..(Score(score), member.to_vec())).count())
    }

    /// Members with scores in `[min, max]` ascending, with exclusive ends when asked.
    pub fn range_by_score(
        &self,
        min: f64,
        min_excl: bool,
        max: f64,
        max_excl: bool,
    ) -> impl DoubleEndedIterator<Item = (&[u8], f64)> {
        let lo = Score(if min.is_nan() { f64::NEG_INFINITY } else { min });
        self.order
            .range((lo, Vec::new())..)
            .skip_while(move |(s, _)| min_excl && s.0 <= min)
            .take_while(move |(s, _)| if max_excl { s.0 < max } else { s.0 <= max })
            .map(|(s, m)| (m.as_slice(), s.0))
            .collect::<Vec<_>>()
            .into_iter()
    }
}
