//! Pub/sub: SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE, their UNSUBSCRIBEs, PUBLISH, SPUBLISH
//! and PUBSUB.

use bytes::Bytes;
use indexmap::IndexSet;

use super::{arg, bulks, help};
use crate::client::Client;
use crate::command::Handler;
use crate::executor::Exec;
use crate::pubsub::Subscriber;
use crate::reply::Reply;

/// The pub/sub handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("subscribe", subscribe),
    ("unsubscribe", unsubscribe),
    ("psubscribe", psubscribe),
    ("punsubscribe", punsubscribe),
    ("publish", publish),
    ("ssubscribe", ssubscribe),
    ("sunsubscribe", sunsubscribe),
    ("spublish", spublish),
    ("pubsub", pubsub),
];

fn confirmation(kind: &str, name: Option<&[u8]>, count: usize) -> Reply {
    Reply::Push(vec![
        Reply::bulk(kind),
        name.map_or(Reply::Null, |n| Reply::Bulk(n.to_vec())),
        Reply::Integer(count as i64),
    ])
}

/// Writes every confirmation but the last, which is the command's reply.
fn confirm_all(c: &mut Client, mut replies: Vec<Reply>) -> Reply {
    let last = replies.pop().unwrap_or(Reply::Null);
    for r in &replies {
        c.write_reply(r);
    }
    last
}

fn subscriber(c: &Client) -> Option<Subscriber> {
    c.sender.clone().map(|sender| Subscriber {
        sender,
        protocol: c.protocol,
    })
}

/// The three kinds of subscription, each with its own commands and namespace.
#[derive(Clone, Copy)]
enum Kind {
    Channel,
    Pattern,
    Shard,
}

impl Kind {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Kind::Channel => ("subscribe", "unsubscribe"),
            Kind::Pattern => ("psubscribe", "punsubscribe"),
            Kind::Shard => ("ssubscribe", "sunsubscribe"),
        }
    }

    fn client_set(self, c: &mut Client) -> &mut IndexSet<Vec<u8>> {
        match self {
            Kind::Channel => &mut c.channels,
            Kind::Pattern => &mut c.patterns,
            Kind::Shard => &mut c.shard_channels,
        }
    }

    /// The count a confirmation carries: shard subscriptions are counted apart.
    fn count(self, c: &Client) -> usize {
        match self {
            Kind::Channel | Kind::Pattern => c.subscription_count(),
            Kind::Shard => c.shard_channels.len(),
        }
    }
}

fn subscribe_generic(ex: &mut Exec, c: &mut Client, argv: &[Bytes], kind: Kind) -> Reply {
    let mut replies = Vec::new();
    for name in &argv[1..] {
        if let Some(sub) = subscriber(c) {
            match kind {
                Kind::Channel => ex.pubsub.subscribe(name, c.id, sub),
                Kind::Pattern => ex.pubsub.psubscribe(name, c.id, sub),
                Kind::Shard => ex.pubsub.ssubscribe(name, c.id, sub),
            };
        }
        kind.client_set(c).insert(name.to_vec());
        replies.push(confirmation(kind.names().0, Some(name), kind.count(c)));
    }
    confirm_all(c, replies)
}

fn unsubscribe_generic(ex: &mut Exec, c: &mut Client, argv: &[Bytes], kind: Kind) -> Reply {
    let name = kind.names().1;
    let targets: Vec<Vec<u8>> = if argv.len() > 1 {
        argv[1..].iter().map(|a| a.to_vec()).collect()
    } else {
        kind.client_set(c).iter().cloned().collect()
    };
    if targets.is_empty() {
        return confirmation(name, None, kind.count(c));
    }
    let mut replies = Vec::new();
    for target in targets {
        match kind {
            Kind::Channel => ex.pubsub.unsubscribe(&target, c.id),
            Kind::Pattern => ex.pubsub.punsubscribe(&target, c.id),
            Kind::Shard => ex.pubsub.sunsubscribe(&target, c.id),
        }
        kind.client_set(c).shift_remove(&target);
        replies.push(confirmation(name, Some(&target), kind.count(c)));
    }
    confirm_all(c, replies)
}

fn subscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    subscribe_generic(ex, c, argv, Kind::Channel)
}

fn psubscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    subscribe_generic(ex, c, argv, Kind::Pattern)
}

fn ssubscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    subscribe_generic(ex, c, argv, Kind::Shard)
}

fn unsubscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    unsubscribe_generic(ex, c, argv, Kind::Channel)
}

fn punsubscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    unsubscribe_generic(ex, c, argv, Kind::Pattern)
}

fn sunsubscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    unsubscribe_generic(ex, c, argv, Kind::Shard)
}

fn spublish(ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    Reply::Integer(ex.pubsub.spublish(arg(argv, 1), arg(argv, 2)))
}

fn publish(ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    Reply::Integer(ex.publish(arg(argv, 1), arg(argv, 2)))
}

fn pubsub(ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    let sub = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
    match sub.as_str() {
        "channels" => bulks(ex.pubsub.channels(argv.get(2).map(|p| p.as_ref()))),
        "numsub" => Reply::Array(
            argv[2..]
                .iter()
                .flat_map(|ch| {
                    [
                        Reply::Bulk(ch.to_vec()),
                        Reply::Integer(ex.pubsub.numsub(ch) as i64),
                    ]
                })
                .collect(),
        ),
        "numpat" => Reply::Integer(ex.pubsub.numpat() as i64),
        "shardchannels" => bulks(ex.pubsub.shard_channels(argv.get(2).map(|p| p.as_ref()))),
        "shardnumsub" => Reply::Array(
            argv[2..]
                .iter()
                .flat_map(|ch| {
                    [
                        Reply::Bulk(ch.to_vec()),
                        Reply::Integer(ex.pubsub.shard_numsub(ch) as i64),
                    ]
                })
                .collect(),
        ),
        "help" => help(&[
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Prints this help.",
        ]),
        _ => Reply::error(format!(
            "ERR unknown subcommand '{}'. Try PUBSUB HELP.",
            String::from_utf8_lossy(arg(argv, 1))
        )),
    }
}
