//! AUTH and ACL.

use std::sync::Arc;

use bytes::Bytes;

use super::{arg, bulks, help};
use crate::acl::{Acl, Denial, CATEGORIES};
use crate::client::Client;
use crate::command::Handler;
use crate::executor::err;
use crate::executor::Exec;
use crate::reply::Reply;

/// The security handlers.
pub const HANDLERS: &[(&str, Handler)] = &[("auth", auth), ("acl", acl)];

fn auth(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match auth_user(&ex.acl, argv) {
        Ok(user) => {
            c.user = user;
            c.authenticated = true;
            Reply::ok()
        }
        Err(e) => e,
    }
}

/// Checks `AUTH [user] password` against `acl`: the user it logs in as, or the error.
pub fn auth_user(acl: &Acl, argv: &[Bytes]) -> Result<String, Reply> {
    if argv.len() > 3 {
        return Err(Reply::error(err::SYNTAX));
    }
    let (user, pass) = if argv.len() == 2 {
        if acl.default_user_needs_no_auth() {
            return Err(Reply::error("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"));
        }
        ("default".to_string(), arg(argv, 1))
    } else {
        (
            String::from_utf8_lossy(arg(argv, 1)).into_owned(),
            arg(argv, 2),
        )
    };
    if acl.authenticate(&user, pass) {
        Ok(user)
    } else {
        Err(Reply::error(
            "WRONGPASS invalid username-password pair or user is disabled.",
        ))
    }
}

fn acl(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let sub = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
    match sub.as_str() {
        "whoami" => Reply::Bulk(c.user.clone().into_bytes()),
        "users" => bulks(ex.acl.users.keys().map(|k| k.clone().into_bytes())),
        "list" => bulks(
            ex.acl
                .users
                .iter()
                .map(|(name, u)| u.describe(name).into_bytes()),
        ),
        "setuser" => {
            let name = String::from_utf8_lossy(arg(argv, 2)).into_owned();
            let table = Arc::clone(&ex.table);
            match ex.acl.set_user(&name, &argv[3..], &table) {
                Ok(()) => Reply::ok(),
                Err(e) => Reply::error(e),
            }
        }
        "deluser" => {
            let mut n = 0;
            for name in &argv[2..] {
                let name = String::from_utf8_lossy(name);
                if name == "default" {
                    return Reply::error("ERR The 'default' user cannot be removed");
                }
                if ex.acl.users.remove(name.as_ref()).is_some() {
                    n += 1;
                }
            }
            Reply::Integer(n)
        }
        "getuser" => {
            let name = String::from_utf8_lossy(arg(argv, 2));
            let Some(u) = ex.acl.users.get(name.as_ref()) else {
                return Reply::Null;
            };
            let mut flags = vec![Reply::bulk(if u.enabled { "on" } else { "off" })];
            if u.nopass {
                flags.push(Reply::bulk("nopass"));
            }
            Reply::Map(vec![
                (Reply::bulk("flags"), Reply::Set(flags)),
                (
                    Reply::bulk("passwords"),
                    bulks(u.passwords.iter().map(|p| p.clone().into_bytes())),
                ),
                (Reply::bulk("commands"), Reply::bulk(u.describe_commands())),
                (Reply::bulk("keys"), Reply::bulk(u.describe_keys())),
                (Reply::bulk("channels"), Reply::bulk(u.describe_channels())),
                (Reply::bulk("selectors"), Reply::Array(Vec::new())),
            ])
        }
        "dryrun" => dryrun(ex, argv),
        "cat" => {
            if argv.len() == 2 {
                return bulks(CATEGORIES);
            }
            let cat = String::from_utf8_lossy(arg(argv, 2)).to_ascii_lowercase();
            if !CATEGORIES.contains(&cat.as_str()) {
                return Reply::error(format!(
                    "ERR Unknown category '{}'",
                    String::from_utf8_lossy(arg(argv, 2))
                ));
            }
            bulks(
                ex.table
                    .iter()
                    .filter(|cmd| cmd.categories.contains(&cat))
                    .map(|cmd| cmd.name.clone().into_bytes()),
            )
        }
        "genpass" => {
            let a = ex.rng.next_u64();
            let b = ex.rng.next_u64();
            let d = ex.rng.next_u64();
            let e = ex.rng.next_u64();
            Reply::Bulk(format!("{a:016x}{b:016x}{d:016x}{e:016x}").into_bytes())
        }
        "help" => help(&[
            "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CAT [<category>]",
            "DELUSER <username> [<username> ...]",
            "DRYRUN <username> <command> [<arg> ...]",
            "GETUSER <username>",
            "LIST",
            "USERS",
            "SETUSER <username> <attribs> ...",
            "WHOAMI",
            "HELP",
        ]),
        _ => Reply::error(format!(
            "ERR unknown subcommand '{}'. Try ACL HELP.",
            String::from_utf8_lossy(arg(argv, 1))
        )),
    }
}

/// ACL DRYRUN user command [arg ...]: whether the user could run the command, in
/// Redis's wording (a bulk string saying why not).
fn dryrun(ex: &mut Exec, argv: &[Bytes]) -> Reply {
    let name = String::from_utf8_lossy(arg(argv, 2));
    let Some(user) = ex.acl.users.get(name.as_ref()) else {
        return Reply::error(format!("ERR User '{name}' not found"));
    };
    let cmd_argv = argv.get(3..).unwrap_or(&[]);
    let not_found = || {
        Reply::error(format!(
            "ERR Command '{}' not found",
            String::from_utf8_lossy(arg(argv, 3))
        ))
    };
    let Some(mut cmd) = ex.table.get(arg(argv, 3)) else {
        return not_found();
    };
    if !cmd.subcommands.is_empty() && cmd_argv.len() >= 2 {
        let sub = String::from_utf8_lossy(arg(argv, 4)).to_ascii_lowercase();
        match cmd.subcommands.get(&sub) {
            Some(s) => cmd = s,
            None => return not_found(),
        }
    }
    if !cmd.arity_ok(cmd_argv.len()) {
        return Reply::error(format!(
            "ERR wrong number of arguments for '{}' command",
            cmd.name
        ));
    }
    match user.denial(cmd, cmd_argv) {
        None => Reply::ok(),
        Some(Denial::Command) => Reply::Bulk(
            format!(
                "This user has no permissions to run the '{}' command",
                cmd.name
            )
            .into_bytes(),
        ),
        Some(Denial::Key(k)) => Reply::Bulk(
            format!(
                "This user has no permissions to access the '{}' key",
                String::from_utf8_lossy(&k)
            )
            .into_bytes(),
        ),
        Some(Denial::Channel(ch)) => Reply::Bulk(
            format!(
                "This user has no permissions to access the '{}' channel",
                String::from_utf8_lossy(&ch)
            )
            .into_bytes(),
        ),
    }
}
