//! ACL users: passwords, command rules (`+@all`, `-@cat`, `+cmd`, `-cmd`), key patterns
//! (`~pattern`) and channel patterns (`&pattern`), with Redis's error messages.

use std::collections::BTreeMap;

use bytes::Bytes;

use crate::command::{Command, CommandTable};
use crate::executor::keys_of;
use crate::glob::glob_match;
use crate::reply::Reply;

/// ACL categories in the order ACL CAT lists them.
pub const CATEGORIES: [&str; 21] = [
    "keyspace",
    "read",
    "write",
    "set",
    "sortedset",
    "list",
    "hash",
    "string",
    "bitmap",
    "hyperloglog",
    "geo",
    "stream",
    "pubsub",
    "admin",
    "fast",
    "slow",
    "blocking",
    "dangerous",
    "connection",
    "transaction",
    "scripting",
];

/// One user.
#[derive(Debug, Clone)]
pub struct User {
    /// Whether the user can log in.
    pub enabled: bool,
    /// Whether any password works.
    pub nopass: bool,
    /// SHA-256 hex digests of the passwords.
    pub passwords: Vec<String>,
    /// Command rules in the order given, after the implicit `-@all`.
    pub command_rules: Vec<String>,
    /// Key patterns (`*` for all keys).
    pub key_patterns: Vec<Vec<u8>>,
    /// Channel patterns (`*` for all channels).
    pub channel_patterns: Vec<Vec<u8>>,
}

impl User {
    fn new() -> User {
        User {
            enabled: false,
            nopass: false,
            passwords: Vec::new(),
            command_rules: Vec::new(),
            key_patterns: Vec::new(),
            channel_patterns: Vec::new(),
        }
    }

    /// Whether the rules allow `cmd` (the last matching rule wins).
    pub fn can_run(&self, cmd: &Command) -> bool {
        // Commands usable before authentication (AUTH, HELLO) are never refused.
        if cmd.has(crate::command::flags::NO_AUTH) {
            return true;
        }
        let container = cmd.name.split('|').next().unwrap_or("");
        let mut allowed = false;
        for rule in &self.command_rules {
            let (plus, target) = rule.split_at(1);
            let matches = match target.strip_prefix('@') {
                Some("all") => true,
                Some(cat) => cmd.categories.iter().any(|c| c == cat),
                None => target == cmd.name || target == container,
            };
            if matches {
                allowed = plus == "+";
            }
        }
        allowed
    }

    fn can_access_key(&self, key: &[u8]) -> bool {
        self.key_patterns.iter().any(|p| glob_match(p, key, false))
    }

    fn can_access_channel(&self, channel: &[u8]) -> bool {
        self.channel_patterns
            .iter()
            .any(|p| glob_match(p, channel, false))
    }

    /// Whether the user may run every command on every key and channel (the
    /// default user's rules): the common case, checked first.
    fn allows_everything(&self) -> bool {
        self.command_rules.len() == 1
            && self.command_rules[0] == "+@all"
            && self.key_patterns.iter().any(|p| p == b"*")
            && self.channel_patterns.iter().any(|p| p == b"*")
    }

    /// Why the user may not run `cmd` with `argv`, if it may not.
    pub fn denial(&self, cmd: &Command, argv: &[Bytes]) -> Option<Denial> {
        if self.allows_everything() {
            return None;
        }
        if !self.can_run(cmd) {
            return Some(Denial::Command);
        }
        if let Some(key) = keys_of(cmd, argv)
            .into_iter()
            .find(|k| !self.can_access_key(k))
        {
            return Some(Denial::Key(key));
        }
        let channels: &[Bytes] = match cmd.name.as_str() {
            "publish" | "spublish" => argv.get(1..2).unwrap_or(&[]),
            "subscribe" | "psubscribe" | "ssubscribe" => argv.get(1..).unwrap_or(&[]),
            _ => &[],
        };
        channels
            .iter()
            .find(|c| !self.can_access_channel(c))
            .map(|c| Denial::Channel(c.to_vec()))
    }

    /// The user's rules as ACL LIST shows them.
    pub fn describe_commands(&self) -> String {
        if self.command_rules.first().is_some_and(|r| r == "+@all") {
            self.command_rules.join(" ")
        } else {
            let mut out = vec!["-@all".to_string()];
            out.extend(self.command_rules.iter().cloned());
            out.join(" ")
        }
    }

    fn describe_patterns(prefix: char, patterns: &[Vec<u8>]) -> String {
        patterns
            .iter()
            .map(|p| format!("{prefix}{}", String::from_utf8_lossy(p)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The `keys` field of ACL GETUSER.
    pub fn describe_keys(&self) -> String {
        User::describe_patterns('~', &self.key_patterns)
    }

    /// The `channels` field of ACL GETUSER.
    pub fn describe_channels(&self) -> String {
        User::describe_patterns('&', &self.channel_patterns)
    }

    /// The line ACL LIST shows for the user called `name`.
    pub fn describe(&self, name: &str) -> String {
        let mut parts = vec![
            format!("user {name}"),
            if self.enabled { "on" } else { "off" }.to_string(),
        ];
        if self.nopass {
            parts.push("nopass".into());
        }
        parts.extend(self.passwords.iter().map(|p| format!("#{p}")));
        if !self.key_patterns.is_empty() {
            parts.push(self.describe_keys());
        }
        if self.channel_patterns.iter().any(|p| p == b"*") {
            parts.push(self.describe_channels());
        } else {
            parts.push("resetchannels".into());
            if !self.channel_patterns.is_empty() {
                parts.push(self.describe_channels());
            }
        }
        parts.push(self.describe_commands());
        parts.join(" ")
    }
}

/// Why a user may not run a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denial {
    /// The command itself is not allowed.
    Command,
    /// This key is out of the user's key patterns.
    Key(Vec<u8>),
    /// This channel is out of the user's channel patterns.
    Channel(Vec<u8>),
}

/// Every user.
#[derive(Debug, Clone)]
pub struct Acl {
    /// Users by name.
    pub users: BTreeMap<String, User>,
}

impl Acl {
    /// The default user, with `requirepass` as its password when given.
    pub fn new(requirepass: Option<&str>) -> Acl {
        let mut default = User::new();
        default.enabled = true;
        default.command_rules = vec!["+@all".into()];
        default.key_patterns = vec![b"*".to_vec()];
        default.channel_patterns = vec![b"*".to_vec()];
        let mut acl = Acl {
            users: BTreeMap::new(),
        };
        acl.users.insert("default".into(), default);
        acl.set_requirepass(requirepass);
        acl
    }

    /// Applies `requirepass` to the default user.
    pub fn set_requirepass(&mut self, pass: Option<&str>) {
        if let Some(user) = self.users.get_mut("default") {
            match pass {
                Some(p) => {
                    user.nopass = false;
                    user.passwords = vec![sha256_hex(p.as_bytes())];
                }
                None => {
                    user.nopass = true;
                    user.passwords.clear();
                }
            }
        }
    }

    /// Whether new connections are logged in as `default` without AUTH.
    pub fn default_user_needs_no_auth(&self) -> bool {
        self.users
            .get("default")
            .is_some_and(|u| u.enabled && u.nopass)
    }

    /// Whether `user` can log in with `password`.
    pub fn authenticate(&self, user: &str, password: &[u8]) -> bool {
        self.users
            .get(user)
            .is_some_and(|u| u.enabled && (u.nopass || u.passwords.contains(&sha256_hex(password))))
    }

    /// Whether `user` exists and may run everything, so that [`check`](Self::check)
    /// would pass every command: a script asks once per run, as its user's rules
    /// cannot change while it runs (ACL is `noscript`).
    pub fn unrestricted(&self, user: &str) -> bool {
        self.users.get(user).is_some_and(User::allows_everything)
    }

    /// Checks that `user` may run `cmd` with `argv`; the `-NOPERM` error when not.
    pub fn check(&self, user: &str, cmd: &Command, argv: &[Bytes]) -> Option<Reply> {
        let u = self.users.get(user)?;
        let msg = match u.denial(cmd, argv)? {
            Denial::Command => format!(
                "NOPERM this user has no permissions to run the '{}' command",
                cmd.name
            ),
            Denial::Key(_) => {
                "NOPERM this user has no permissions to access one of the keys used as arguments"
                    .to_string()
            }
            Denial::Channel(_) => {
                "NOPERM this user has no permissions to access one of the channels used as arguments"
                    .to_string()
            }
        };
        Some(Reply::error(msg))
    }

    /// ACL SETUSER: creates or changes a user with the given rules.
    pub fn set_user(
        &mut self,
        name: &str,
        rules: &[Bytes],
        table: &CommandTable,
    ) -> Result<(), String> {
        let mut user = self.users.get(name).cloned().unwrap_or_else(User::new);
        for rule in rules {
            let text = String::from_utf8_lossy(rule).into_owned();
            apply_rule(&mut user, &text, table)
                .map_err(|why| format!("ERR Error in ACL SETUSER modifier '{text}': {why}"))?;
        }
        self.users.insert(name.to_string(), user);
        Ok(())
    }
}

fn apply_rule(user: &mut User, rule: &str, table: &CommandTable) -> Result<(), &'static str> {
    let lower = rule.to_ascii_lowercase();
    match lower.as_str() {
        "on" => user.enabled = true,
        "off" => user.enabled = false,
        "nopass" => {
            user.nopass = true;
            user.passwords.clear();
        }
        "resetpass" => {
            user.nopass = false;
            user.passwords.clear();
        }
        "allkeys" => user.key_patterns = vec![b"*".to_vec()],
        "resetkeys" => user.key_patterns.clear(),
        "allchannels" => user.channel_patterns = vec![b"*".to_vec()],
        "resetchannels" => user.channel_patterns.clear(),
        "allcommands" => user.command_rules = vec!["+@all".into()],
        "nocommands" => user.command_rules.clear(),
        "reset" => *user = User::new(),
        _ => {
            if let Some(p) = rule.strip_prefix('>') {
                let h = sha256_hex(p.as_bytes());
                if !user.passwords.contains(&h) {
                    user.passwords.push(h);
                }
                user.nopass = false;
            } else if let Some(p) = rule.strip_prefix('<') {
                let h = sha256_hex(p.as_bytes());
                user.passwords.retain(|x| *x != h);
            } else if let Some(h) = rule.strip_prefix('#') {
                if h.len() != 64 || !h.bytes().all(|c| c.is_ascii_hexdigit()) {
                    return Err("The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters");
                }
                user.passwords.push(h.to_ascii_lowercase());
                user.nopass = false;
            } else if let Some(p) = rule.strip_prefix('~') {
                if user.key_patterns.iter().any(|k| k == b"*") {
                    return Ok(());
                }
                if p == "*" {
                    user.key_patterns = vec![b"*".to_vec()];
                } else {
                    user.key_patterns.push(p.as_bytes().to_vec());
                }
            } else if let Some(p) = rule.strip_prefix('&') {
                if p == "*" {
                    user.channel_patterns = vec![b"*".to_vec()];
                } else if !user.channel_patterns.iter().any(|k| k == b"*") {
                    user.channel_patterns.push(p.as_bytes().to_vec());
                }
            } else if lower.starts_with('+') || lower.starts_with('-') {
                let target = &lower[1..];
                let known = match target.strip_prefix('@') {
                    Some(cat) => CATEGORIES.contains(&cat) || cat == "all",
                    None => {
                        let (base, sub) = target.split_once('|').unwrap_or((target, ""));
                        table
                            .get(base.as_bytes())
                            .is_some_and(|c| sub.is_empty() || c.subcommands.contains_key(sub))
                    }
                };
                if !known {
                    return Err("Unknown command or category name in ACL");
                }
                if target == "@all" {
                    user.command_rules.clear();
                    if lower.starts_with('+') {
                        user.command_rules.push(lower);
                    }
                } else {
                    user.command_rules.push(lower);
                }
            } else {
                return Err("Syntax error");
            }
        }
    }
    Ok(())
}

/// SHA-256 of `data` as lowercase hex (how ACL stores passwords).
pub fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for chunk in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in chunk.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(v);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::sha256_hex;

    #[test]
    fn sha256_matches_known_digests() {
        assert_eq!(
            sha256_hex(b"pw"),
            "30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4"
        );
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
