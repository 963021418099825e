//! Parsing of client requests: RESP multibulk frames and inline commands.
//!
//! A request is turned into its argument vector. The parser first checks that a whole
//! request is in the buffer (without copying anything), then splits it off and slices the
//! arguments out of the shared buffer, so large bulk strings are copied once. Lengths
//! are checked against Redis's limits before any memory is reserved for them.

use bytes::{Buf, Bytes, BytesMut};
use redis_host::split_args::split_args;

/// Longest inline request or length line accepted (Redis's PROTO_INLINE_MAX_SIZE).
pub const INLINE_MAX: usize = 64 * 1024;
/// Largest argument count of one request (Redis checks against INT_MAX).
pub const MULTIBULK_MAX: i64 = i32::MAX as i64;

/// A request that cannot be parsed. The text is Redis's, after `ERR Protocol error: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolError(pub String);

impl ProtocolError {
    fn new(msg: &str) -> ProtocolError {
        ProtocolError(msg.to_string())
    }
}

/// Limits that depend on the configuration and on the client.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// `proto-max-bulk-len`.
    pub max_bulk_len: i64,
    /// Whether the client has authenticated: unauthenticated clients get small limits.
    pub authenticated: bool,
}

/// Result of one parse attempt.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    /// A whole request, as its arguments.
    Command(Vec<Bytes>),
    /// A request with no arguments (an empty line, `*0`), which Redis ignores.
    Empty,
    /// More bytes are needed.
    Incomplete,
}

/// A request parser for one connection. It remembers how far it got into a multibulk
/// request that is not complete yet, so a request of many arguments arriving in many
/// reads is scanned once, not once per read.
#[derive(Debug, Default)]
pub struct Parser {
    partial: Option<Partial>,
    /// Argument positions, kept between requests to avoid an allocation per request.
    spare: Vec<(usize, usize)>,
}

/// Progress through an incomplete multibulk request at the front of the buffer.
#[derive(Debug)]
struct Partial {
    remaining: i64,
    pos: usize,
    ranges: Vec<(usize, usize)>,
}

impl Parser {
    /// A parser at the start of a request.
    pub fn new() -> Parser {
        Parser::default()
    }

    /// Parses one request from the front of `buf`, removing it when complete.
    pub fn parse(&mut self, buf: &mut BytesMut, limits: Limits) -> Result<Parsed, ProtocolError> {
        if buf.is_empty() {
            return Ok(Parsed::Incomplete);
        }
        if self.partial.is_some() || buf[0] == b'*' {
            parse_multibulk(buf, limits, &mut self.partial, &mut self.spare)
        } else {
            parse_inline(buf)
        }
    }
}

fn find_crlf(buf: &[u8], from: usize) -> Option<usize> {
    let rest = buf.get(from..)?;
    let pos = rest.iter().position(|&b| b == b'\r')?;
    Some(from + pos)
}

/// Redis's `string2ll`: an optional `-`, digits, no leading zeros or spaces.
pub fn parse_i64(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || (digits.len() > 1 && digits[0] == b'0') {
        return None;
    }
    if neg && digits == b"0" {
        return None;
    }
    let mut v: i64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        let digit = i64::from(d - b'0');
        v = if neg {
            v.checked_mul(10)?.checked_sub(digit)?
        } else {
            v.checked_mul(10)?.checked_add(digit)?
        };
    }
    Some(v)
}

fn parse_multibulk(
    buf: &mut BytesMut,
    limits: Limits,
    partial: &mut Option<Partial>,
    spare: &mut Vec<(usize, usize)>,
) -> Result<Parsed, ProtocolError> {
    let mut state = match partial.take() {
        Some(state) => state,
        None => {
            let Some(eol) = find_crlf(buf, 0) else {
                if buf.len() > INLINE_MAX {
                    return Err(ProtocolError::new("too big mbulk count string"));
                }
                return Ok(Parsed::Incomplete);
            };
            if eol + 1 >= buf.len() {
                return Ok(Parsed::Incomplete);
            }
            let count = match parse_i64(&buf[1..eol]) {
                Some(n) if n <= MULTIBULK_MAX => n,
                _ => return Err(ProtocolError::new("invalid multibulk length")),
            };
            if !limits.authenticated && count > 10 {
                return Err(ProtocolError::new("unauthenticated multibulk length"));
            }
            if count <= 0 {
                buf.advance(eol + 2);
                return Ok(Parsed::Empty);
            }
            let mut ranges = std::mem::take(spare);
            ranges.clear();
            // Never trust the announced count for an allocation.
            ranges.reserve(count.min(1024) as usize);
            Partial {
                remaining: count,
                pos: eol + 2,
                ranges,
            }
        }
    };
    while state.remaining > 0 {
        let pos = state.pos;
        let Some(&first) = buf.get(pos) else {
            *partial = Some(state);
            return Ok(Parsed::Incomplete);
        };
        if first != b'$' {
            return Err(ProtocolError(format!(
                "expected '$', got '{}'",
                char::from(first)
            )));
        }
        let Some(eol) = find_crlf(buf, pos) else {
            if buf.len() - pos > INLINE_MAX {
                return Err(ProtocolError::new("too big bulk count string"));
            }
            *partial = Some(state);
            return Ok(Parsed::Incomplete);
        };
        if eol + 1 >= buf.len() {
            *partial = Some(state);
            return Ok(Parsed::Incomplete);
        }
        let len = match parse_i64(&buf[pos + 1..eol]) {
            Some(n) if (0..=limits.max_bulk_len).contains(&n) => n as usize,
            _ => return Err(ProtocolError::new("invalid bulk length")),
        };
        if !limits.authenticated && len > 16384 {
            return Err(ProtocolError::new("unauthenticated bulk length"));
        }
        let start = eol + 2;
        // Redis does not check the two bytes after the payload: it skips them.
        let end = start + len;
        if end + 2 > buf.len() {
            // Grow geometrically towards a large argument: never reserve what the client
            // only announced, so a huge length without data costs nothing.
            if len >= 32 * 1024 {
                let missing = end + 2 - buf.len();
                buf.reserve(missing.min(buf.len().max(64 * 1024)));
            }
            *partial = Some(state);
            return Ok(Parsed::Incomplete);
        }
        state.ranges.push((start, end));
        state.pos = end + 2;
        state.remaining -= 1;
    }
    let frame = buf.split_to(state.pos).freeze();
    let argv = state
        .ranges
        .iter()
        .map(|&(s, e)| frame.slice(s..e))
        .collect();
    // The positions' allocation serves the next request.
    *spare = state.ranges;
    Ok(Parsed::Command(argv))
}

fn parse_inline(buf: &mut BytesMut) -> Result<Parsed, ProtocolError> {
    // Redis finds the newline with strchr, which stops at a NUL: a request
    // with a NUL before its newline waits, up to the size limit, as there.
    let Some(nl) = buf
        .iter()
        .take_while(|&&b| b != 0)
        .position(|&b| b == b'\n')
    else {
        if buf.len() > INLINE_MAX {
            return Err(ProtocolError::new("too big inline request"));
        }
        return Ok(Parsed::Incomplete);
    };
    let line = buf.split_to(nl + 1);
    let mut text = &line[..nl];
    if text.last() == Some(&b'\r') {
        text = &text[..text.len() - 1];
    }
    let args =
        split_args(text).ok_or_else(|| ProtocolError::new("unbalanced quotes in request"))?;
    if args.is_empty() {
        return Ok(Parsed::Empty);
    }
    Ok(Parsed::Command(args.into_iter().map(Bytes::from).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUTH: Limits = Limits {
        max_bulk_len: 512 * 1024 * 1024,
        authenticated: true,
    };

    fn parse_all(input: &[u8]) -> (Vec<Vec<Vec<u8>>>, Option<ProtocolError>) {
        let mut buf = BytesMut::from(input);
        let mut out = Vec::new();
        let mut parser = Parser::new();
        loop {
            match parser.parse(&mut buf, AUTH) {
                Ok(Parsed::Command(args)) => out.push(args.iter().map(|a| a.to_vec()).collect()),
                Ok(Parsed::Empty) => {}
                Ok(Parsed::Incomplete) => return (out, None),
                Err(e) => return (out, Some(e)),
            }
        }
    }

    #[test]
    fn an_inline_request_with_a_nul_waits_as_in_redis() {
        // Redis looks for the newline with strchr: it never sees this one,
        // and the request ends as too big once past the inline limit.
        let (cmds, err) = parse_all(b"PING\0x\r\n");
        assert!(cmds.is_empty());
        assert_eq!(err, None);
        let mut big = b"PING\0x\r\n".to_vec();
        big.resize(INLINE_MAX + 10, b'a');
        let (cmds, err) = parse_all(&big);
        assert!(cmds.is_empty());
        assert_eq!(err, Some(ProtocolError::new("too big inline request")));
    }

    #[test]
    fn multibulk_and_inline_requests_parse() {
        let (cmds, err) = parse_all(b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n\r\n  set a \"b c\"\n");
        assert_eq!(err, None);
        assert_eq!(
            cmds,
            vec![
                vec![b"GET".to_vec(), b"k".to_vec()],
                vec![b"PING".to_vec()],
                vec![b"set".to_vec(), b"a".to_vec(), b"b c".to_vec()]
            ]
        );
    }

    #[test]
    fn partial_frames_wait_for_more() {
        let (cmds, err) = parse_all(b"*2\r\n$3\r\nGET\r\n$1\r\n");
        assert!(cmds.is_empty() && err.is_none());
    }

    #[test]
    fn malformed_frames_get_redis_messages() {
        assert_eq!(
            parse_all(b"*a\r\n").1.unwrap().0,
            "invalid multibulk length"
        );
        assert_eq!(
            parse_all(b"*1\r\n$a\r\n").1.unwrap().0,
            "invalid bulk length"
        );
        assert_eq!(
            parse_all(b"*1\r\n$600000000\r\n").1.unwrap().0,
            "invalid bulk length"
        );
        assert_eq!(
            parse_all(b"*2\r\nfoo\r\n").1.unwrap().0,
            "expected '$', got 'f'"
        );
        assert_eq!(
            parse_all(b"set \"a b\r\n").1.unwrap().0,
            "unbalanced quotes in request"
        );
    }

    #[test]
    fn a_request_split_across_reads_parses_once_complete() {
        let whole = b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n";
        let mut parser = Parser::new();
        let mut buf = BytesMut::new();
        for (i, byte) in whole.iter().enumerate() {
            buf.extend_from_slice(&[*byte]);
            let r = parser.parse(&mut buf, AUTH).unwrap();
            if i + 1 < whole.len() {
                assert_eq!(r, Parsed::Incomplete, "at byte {i}");
            } else {
                let Parsed::Command(args) = r else {
                    panic!("not complete: {r:?}")
                };
                assert_eq!(args, vec![&b"SET"[..], b"k", b"hello"]);
            }
        }
        assert!(buf.is_empty());
    }
}
