//! The reply of a Redis command, as the server and the scripting host both build it.
//!
//! `Reply` is RESP3-shaped: it can say everything Redis 7 can send. Encoding to the wire
//! (and the downgrade of RESP3-only kinds for RESP2 clients) is the server's job; the
//! scripting host converts replies to and from Lua values.

use std::borrow::Cow;

/// One reply, in RESP3 terms. Byte strings are 8-bit clean.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A simple string (`+OK`): borrowed when fixed, as most are, so replying
    /// `+OK` allocates nothing.
    Status(Cow<'static, [u8]>),
    /// An error, with its code and without the leading `-` (`ERR syntax error`).
    Error(Vec<u8>),
    /// A 64-bit integer.
    Integer(i64),
    /// A bulk string.
    Bulk(Vec<u8>),
    /// The null bulk string (`$-1` in RESP2, `_` in RESP3).
    Null,
    /// The null array (`*-1` in RESP2, `_` in RESP3).
    NullArray,
    /// An array.
    Array(Vec<Reply>),
    /// A map (a flat array of pairs in RESP2).
    Map(Vec<(Reply, Reply)>),
    /// A set (an array in RESP2).
    Set(Vec<Reply>),
    /// A double (a bulk string in RESP2).
    Double(f64),
    /// A double sent as this text, as Redis's `addReplyHumanLongDouble` does for
    /// coordinates (`%.17Lf` without trailing zeros; a bulk string in RESP2).
    DoubleText(Vec<u8>),
    /// A big number, as its decimal digits (a bulk string in RESP2).
    BigNumber(Vec<u8>),
    /// A boolean (`:1` / `:0` in RESP2).
    Boolean(bool),
    /// A verbatim string with its three-letter format (a bulk string in RESP2).
    Verbatim {
        /// The format, such as `txt`.
        format: [u8; 3],
        /// The text.
        text: Vec<u8>,
    },
    /// An out-of-band push message (an array in RESP2).
    Push(Vec<Reply>),
}

impl Reply {
    /// `+OK`.
    pub fn ok() -> Reply {
        Reply::Status(Cow::Borrowed(b"OK"))
    }

    /// A simple string reply.
    pub fn status(s: &'static str) -> Reply {
        Reply::Status(Cow::Borrowed(s.as_bytes()))
    }

    /// An error reply; `msg` starts with its code (`ERR ...`, `WRONGTYPE ...`).
    pub fn error(msg: impl Into<String>) -> Reply {
        Reply::Error(msg.into().into_bytes())
    }

    /// A bulk string reply.
    pub fn bulk(b: impl Into<Vec<u8>>) -> Reply {
        Reply::Bulk(b.into())
    }

    /// Whether this is an error reply.
    pub fn is_error(&self) -> bool {
        matches!(self, Reply::Error(_))
    }
}

/// The decimal digits of `n`, with its sign, written at the end of `buf` (which
/// fits `i64::MIN`).
pub fn decimal(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    let mut v = n.unsigned_abs();
    while at > 0 {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 && at > 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_build_the_expected_kinds() {
        assert_eq!(Reply::ok(), Reply::Status(b"OK".to_vec().into()));
        assert!(Reply::error("ERR x").is_error());
        assert!(!Reply::bulk("x").is_error());
    }

    #[test]
    fn decimals_print_as_rust_prints_integers() {
        for n in [0, 7, -7, 10, -10, 1234567890, i64::MAX, i64::MIN] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string().as_bytes());
        }
    }
}
