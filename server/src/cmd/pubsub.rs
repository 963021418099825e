//! Pub/sub: SUBSCRIBE, PSUBSCRIBE, their UNSUBSCRIBEs, PUBLISH and PUBSUB.

use bytes::Bytes;

use super::{arg, bulks};
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

fn subscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let mut replies = Vec::new();
    for ch in &argv[1..] {
        if let Some(sub) = subscriber(c) {
            ex.pubsub.subscribe(ch, c.id, sub);
        }
        c.channels.insert(ch.to_vec());
        replies.push(confirmation("subscribe", Some(ch), c.subscription_count()));
    }
    confirm_all(c, replies)
}

fn psubscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let mut replies = Vec::new();
    for p in &argv[1..] {
        if let Some(sub) = subscriber(c) {
            ex.pubsub.psubscribe(p, c.id, sub);
        }
        c.patterns.insert(p.to_vec());
        replies.push(confirmation("psubscribe", Some(p), c.subscription_count()));
    }
    confirm_all(c, replies)
}

fn unsubscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let targets: Vec<Vec<u8>> = if argv.len() > 1 {
        argv[1..].iter().map(|a| a.to_vec()).collect()
    } else {
        c.channels.iter().cloned().collect()
    };
    if targets.is_empty() {
        return confirmation("unsubscribe", None, c.subscription_count());
    }
    let mut replies = Vec::new();
    for ch in targets {
        ex.pubsub.unsubscribe(&ch, c.id);
        c.channels.shift_remove(&ch);
        replies.push(confirmation(
            "unsubscribe",
            Some(&ch),
            c.subscription_count(),
        ));
    }
    confirm_all(c, replies)
}

fn punsubscribe(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let targets: Vec<Vec<u8>> = if argv.len() > 1 {
        argv[1..].iter().map(|a| a.to_vec()).collect()
    } else {
        c.patterns.iter().cloned().collect()
    };
    if targets.is_empty() {
        return confirmation("punsubscribe", None, c.subscription_count());
    }
    let mut replies = Vec::new();
    for p in targets {
        ex.pubsub.punsubscribe(&p, c.id);
        c.patterns.shift_remove(&p);
        replies.push(confirmation(
            "punsubscribe",
            Some(&p),
            c.subscription_count(),
        ));
    }
    confirm_all(c, replies)
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
        "shardchannels" => Reply::Array(Vec::new()),
        "shardnumsub" => Reply::Array(
            argv[2..]
                .iter()
                .flat_map(|ch| [Reply::Bulk(ch.to_vec()), Reply::Integer(0)])
                .collect(),
        ),
        "help" => bulks([
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "HELP",
            "    Prints this help.",
        ]),
        _ => Reply::error(format!(
            "ERR unknown subcommand '{}'. Try PUBSUB HELP.",
            String::from_utf8_lossy(arg(argv, 1))
        )),
    }
}
