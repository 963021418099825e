//! Memory accounting and eviction for `maxmemory`.

use crate::config::EvictionPolicy;
use crate::executor::Exec;
use crate::reply::Reply;

/// Memory the server uses before any key: the baseline INFO reports.
const BASELINE: usize = 900 * 1024;

/// Memory in use: a baseline plus an estimate of every key and value.
pub fn used_memory(exec: &Exec) -> usize {
    BASELINE + exec.dbs.iter().map(|db| db.memory()).sum::<usize>()
}

/// Evicts keys by the configured policy until memory is under `maxmemory`; the `-OOM`
/// error when it cannot.
pub fn free_memory_if_needed(exec: &mut Exec) -> Option<Reply> {
    let limit = exec.config.maxmemory as usize;
    let oom = || {
        Some(Reply::error(
            "OOM command not allowed when used memory > 'maxmemory'.",
        ))
    };
    let policy = exec.config.maxmemory_policy;
    while used_memory(exec) > limit {
        if policy == EvictionPolicy::NoEviction {
            return oom();
        }
        let volatile = matches!(
            policy,
            EvictionPolicy::VolatileLru
                | EvictionPolicy::VolatileLfu
                | EvictionPolicy::VolatileRandom
                | EvictionPolicy::VolatileTtl
        );
        let random = matches!(
            policy,
            EvictionPolicy::AllKeysRandom | EvictionPolicy::VolatileRandom
        );
        let samples = exec.config.maxmemory_samples.max(1) as usize;
        // The best candidate over every database: (score, db, key); lower is evicted first.
        let mut best: Option<(i64, usize, Vec<u8>)> = None;
        for i in 0..exec.dbs.len() {
            let n = if volatile {
                exec.dbs[i].expires_len()
            } else {
                exec.dbs[i].len()
            };
            if n == 0 {
                continue;
            }
            for _ in 0..samples {
                let pick = exec.rng.below(n);
                let db = &exec.dbs[i];
                let key = if volatile {
                    db.volatile_key_at(pick).map(<[u8]>::to_vec)
                } else {
                    db.key_at(pick).map(|(k, _)| k.to_vec())
                };
                let Some(key) = key else { continue };
                let score = if random {
                    0
                } else if policy == EvictionPolicy::VolatileTtl {
                    db.expire_at(&key).unwrap_or(i64::MAX)
                } else {
                    db.peek(&key, i64::MIN)
                        .map_or(0, |e| -e.idle_ms(exec.now_ms))
                };
                if best.as_ref().is_none_or(|(s, _, _)| score < *s) {
                    best = Some((score, i, key));
                }
            }
        }
        let Some((_, db, key)) = best else {
            return oom();
        };
        let now = exec.now_ms;
        exec.dbs[db].remove(&key, now);
        exec.stats.evicted_keys += 1;
        exec.touch_key(db, &key);
    }
    None
}
