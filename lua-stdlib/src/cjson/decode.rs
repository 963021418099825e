//! `cjson.decode`: lua-cjson's tokenizer (strtod numbers, `\uXXXX` escapes with surrogate
//! pairs to UTF-8) and parser, with its error messages and character positions. Containers
//! are tracked on an explicit stack, so nesting never recurses in Rust, and every byte is
//! looked at a bounded number of times.

use lua_core::number::strtod;
use lua_core::table::Table;
use lua_core::value::StrRef;
use lua_core::{LuaError, State, Value};
use smallvec::SmallVec;

use super::{Config, NULL};
use crate::libtable::MAX_C_STACK;

/// lua-cjson's token types; the names appear in error messages.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    ObjBegin,
    ObjEnd,
    ArrBegin,
    ArrEnd,
    /// The text is in the decoder's `text` buffer.
    String,
    Number(f64),
    Boolean(bool),
    Null,
    Colon,
    Comma,
    End,
    Error(&'static str),
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::ObjBegin => "T_OBJ_BEGIN",
            Kind::ObjEnd => "T_OBJ_END",
            Kind::ArrBegin => "T_ARR_BEGIN",
            Kind::ArrEnd => "T_ARR_END",
            Kind::String => "T_STRING",
            Kind::Number(_) => "T_NUMBER",
            Kind::Boolean(_) => "T_BOOLEAN",
            Kind::Null => "T_NULL",
            Kind::Colon => "T_COLON",
            Kind::Comma => "T_COMMA",
            Kind::End => "T_END",
            Kind::Error(what) => what,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Kind,
    /// Byte offset where the token (or the error) starts.
    index: usize,
}

/// An open container.
enum Frame {
    /// Its elements so far are the decoder's `items[start..]`: the table is made at `]`
    /// with its final size.
    Array { start: usize },
    /// Its fields so far are the decoder's `fields[start..]`, and `key` waits for its
    /// value: the table is made at `}`.
    Object { start: usize, key: StrRef },
}

impl Frame {
    /// Lua stack slots lua-cjson holds for it while parsing a child: the table, plus the
    /// key for objects.
    fn slots(&self) -> usize {
        match self {
            Frame::Array { .. } => 1,
            Frame::Object { .. } => 2,
        }
    }
}

struct Decoder<'a> {
    s: &'a mut State,
    config: &'a Config,
    data: &'a [u8],
    pos: usize,
    /// The text of the last string token.
    text: &'a mut Vec<u8>,
}

/// `cjson.decode(json)` with `config`; `token` is a buffer for string tokens.
pub(super) fn decode(
    s: &mut State,
    config: &Config,
    data: &[u8],
    token: &mut Vec<u8>,
) -> Result<Value, LuaError> {
    if data.len() >= 2 && (data[0] == 0 || data[1] == 0) {
        return Err(s.rt_error("JSON parser does not support UTF-16 or UTF-32"));
    }
    let mut dec = Decoder {
        s,
        config,
        data,
        pos: 0,
        text: token,
    };
    dec.parse()
}

fn is_number_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'+' | b'-' | b'_' | b'(' | b')')
}

/// `text` as a number when it is an optional minus and at most 15 digits, which strtod
/// would read exactly: the common case, done without strtod's general parsing.
fn plain_integer(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    if digits.is_empty() || digits.len() > 15 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits
        .iter()
        .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0')) as f64;
    Some(if negative { -n } else { n })
}

fn hex_digit(c: u8) -> Option<u32> {
    char::from(c).to_digit(16)
}

impl Decoder<'_> {
    /// The byte at `i`; the text ends in NUL as the C string does.
    fn at(&self, i: usize) -> u8 {
        self.data.get(i).copied().unwrap_or(0)
    }

    fn error(&self, what: &'static str) -> Token {
        Token {
            kind: Kind::Error(what),
            index: self.pos,
        }
    }

    fn next_token(&mut self) -> Token {
        while matches!(self.at(self.pos), b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
        let index = self.pos;
        let ch = self.at(index);
        let single = match ch {
            b'{' => Some(Kind::ObjBegin),
            b'}' => Some(Kind::ObjEnd),
            b'[' => Some(Kind::ArrBegin),
            b']' => Some(Kind::ArrEnd),
            b',' => Some(Kind::Comma),
            b':' => Some(Kind::Colon),
            _ => None,
        };
        if let Some(kind) = single {
            self.pos += 1;
            return Token { kind, index };
        }
        let rest = self.data.get(index..).unwrap_or_default();
        let literal = |word: &[u8]| rest.starts_with(word);
        match ch {
            0 => Token {
                kind: Kind::End,
                index,
            },
            b'"' => self.string_token(),
            b'-' | b'0'..=b'9' => {
                if !self.config.decode_invalid_numbers && self.is_invalid_number() {
                    return self.error("invalid number");
                }
                self.number_token()
            }
            b't' | b'f' | b'n' | b'i' | b'I' | b'N' | b'+' => {
                let word: Option<(Kind, usize)> = if literal(b"true") {
                    Some((Kind::Boolean(true), 4))
                } else if literal(b"false") {
                    Some((Kind::Boolean(false), 5))
                } else if literal(b"null") {
                    Some((Kind::Null, 4))
                } else {
                    None
                };
                match word {
                    Some((kind, len)) => {
                        self.pos += len;
                        Token { kind, index }
                    }
                    None if self.config.decode_invalid_numbers && self.is_invalid_number() => {
                        self.number_token()
                    }
                    None => self.error("invalid token"),
                }
            }
            _ => self.error("invalid token"),
        }
    }

    /// `json_is_invalid_number`: forms strtod reads but JSON does not allow (a leading
    /// `+`, hex, leading zeros, inf, nan).
    fn is_invalid_number(&self) -> bool {
        let mut p = self.pos;
        match self.at(p) {
            b'+' => return true,
            b'-' => p += 1,
            _ => {}
        }
        let c = self.at(p);
        if c == b'0' {
            let c2 = self.at(p + 1);
            return (c2 | 0x20) == b'x' || c2.is_ascii_digit();
        }
        // C compares a signed char: bytes >= 0x80 count as below '9' too.
        if c <= b'9' || c >= 0x80 {
            return false;
        }
        let word = self.data.get(p..p + 3).unwrap_or_default();
        word.eq_ignore_ascii_case(b"inf") || word.eq_ignore_ascii_case(b"nan")
    }

    fn number_token(&mut self) -> Token {
        let start = self.pos;
        // strtod never reads past these bytes; bounding the slice keeps decoding linear.
        let run = self.data[start..]
            .iter()
            .take_while(|&&c| is_number_byte(c))
            .count();
        let text = &self.data[start..start + run];
        let (value, used) = match plain_integer(text) {
            Some(v) => (v, run),
            None => strtod(text),
        };
        if used == 0 {
            return self.error("invalid number");
        }
        self.pos += used;
        Token {
            kind: Kind::Number(value),
            index: start,
        }
    }

    fn string_token(&mut self) -> Token {
        let index = self.pos;
        self.pos += 1;
        self.text.clear();
        loop {
            let ch = self.at(self.pos);
            match ch {
                b'"' => break,
                0 => return self.error("unexpected end of string"),
                b'\\' => {
                    let unescaped = match self.at(self.pos + 1) {
                        b'"' => b'"',
                        b'\\' => b'\\',
                        b'/' => b'/',
                        b'b' => 0x08,
                        b't' => b'\t',
                        b'n' => b'\n',
                        b'f' => 0x0c,
                        b'r' => b'\r',
                        b'u' => {
                            if self.unicode_escape().is_none() {
                                return self.error("invalid unicode escape code");
                            }
                            continue;
                        }
                        _ => return self.error("invalid escape code"),
                    };
                    self.text.push(unescaped);
                    self.pos += 2;
                }
                _ => {
                    // Copy the run of plain bytes at once.
                    let rest = &self.data[self.pos..];
                    let run = rest
                        .iter()
                        .take_while(|&&c| !matches!(c, b'"' | b'\\' | 0))
                        .count();
                    self.text.extend_from_slice(&rest[..run]);
                    self.pos += run;
                }
            }
        }
        self.pos += 1;
        Token {
            kind: Kind::String,
            index,
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        (0..4).try_fold(0, |acc, i| Some(acc << 4 | hex_digit(self.at(at + i))?))
    }

    /// `json_append_unicode_escape` at `\u`: appends the code point (a surrogate pair
    /// makes one) as UTF-8 and moves past the escape(s).
    fn unicode_escape(&mut self) -> Option<()> {
        let mut code = self.hex4(self.pos + 2)?;
        let mut len = 6;
        if code & 0xf800 == 0xd800 {
            // A low surrogate first, or a high one not followed by a low one, is invalid.
            if code & 0x400 != 0 || self.at(self.pos + 6) != b'\\' || self.at(self.pos + 7) != b'u'
            {
                return None;
            }
            let low = self.hex4(self.pos + 8)?;
            if low & 0xfc00 != 0xdc00 {
                return None;
            }
            code = (((code & 0x3ff) << 10) | (low & 0x3ff)) + 0x10000;
            len = 12;
        }
        let c = char::from_u32(code)?;
        let mut buf = [0; 4];
        self.text
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        self.pos += len;
        Some(())
    }

    /// `Expected WHAT but found TOKEN at character N`.
    fn parse_error(&mut self, expected: &str, token: Token) -> LuaError {
        let msg = format!(
            "Expected {expected} but found {} at character {}",
            token.kind.name(),
            token.index + 1
        );
        self.s.rt_error(&msg)
    }

    /// `json_decode_descend`: a new container at `depth` needing `needed` more slots above
    /// the `used` ones.
    fn descend(&mut self, depth: usize, used: usize, needed: usize) -> Result<(), LuaError> {
        let max = usize::try_from(self.config.decode_max_depth).unwrap_or(0);
        if depth <= max && used + needed <= MAX_C_STACK {
            return Ok(());
        }
        let msg = format!(
            "Found too many nested data structures ({depth}) at character {}",
            self.pos
        );
        Err(self.s.rt_error(&msg))
    }

    /// A string token's text as a Lua string.
    fn text_value(&mut self) -> Value {
        self.s.str_value(self.text)
    }

    /// Checks that `token`, after an object's `{` or `,`, is a string key followed by a
    /// colon, and returns the key.
    fn object_key(&mut self, token: Token) -> Result<StrRef, LuaError> {
        if token.kind != Kind::String {
            return Err(self.parse_error("object key string", token));
        }
        let key = self.s.heap.intern(self.text);
        let colon = self.next_token();
        if colon.kind != Kind::Colon {
            return Err(self.parse_error("colon", colon));
        }
        Ok(key)
    }

    /// The table of a closed array, whose elements are `items[start..]` (taken from
    /// there). lua-cjson stores them one by one with `lua_rawseti` into a table made
    /// empty, whose array part then grows 1, 2, 4... with no hash part: the sizes that
    /// making it at once with the next power of two gives. Past Lua's largest array
    /// part (2^26) the rest goes to the hash part, so a longer array is stored one by
    /// one, as lua-cjson does.
    fn array_table(&mut self, items: &mut SmallVec<[Value; 32]>, start: usize) -> Value {
        const MAX_ARRAY_PART: usize = 1 << 26;
        let elements = items.get(start..).unwrap_or_default();
        let size = match elements.len() {
            n if n <= MAX_ARRAY_PART => n.next_power_of_two(),
            _ => 0,
        };
        let t = self.s.heap.new_table(size, 0);
        let table = self.s.heap.table_mut(t);
        for (i, &v) in (1..).zip(elements) {
            table.set_int(i, v);
        }
        items.truncate(start);
        Value::Table(t)
    }

    /// The table of a closed object, whose fields are `fields[start..]` (taken from
    /// there), laid out as lua-cjson's one-by-one `rawset`s lay it out.
    fn object_table(
        &mut self,
        fields: &mut SmallVec<[(StrRef, Value); 16]>,
        start: usize,
    ) -> Value {
        let t = Table::from_string_entries(fields.get(start..).unwrap_or_default());
        fields.truncate(start);
        Value::Table(self.s.heap.adopt_table(t))
    }

    /// The whole text: one value, then nothing but whitespace.
    fn parse(&mut self) -> Result<Value, LuaError> {
        // Deep enough, and long enough, for most documents without allocating.
        let mut stack: SmallVec<[Frame; 16]> = SmallVec::new();
        let mut items: SmallVec<[Value; 32]> = SmallVec::new();
        let mut fields: SmallVec<[(StrRef, Value); 16]> = SmallVec::new();
        // The argument takes one slot.
        let mut used = 1;
        let mut token = self.next_token();
        loop {
            self.s.charge(1)?;
            // A value starts at `token`: finish it, or open a container and read on.
            let mut value = match token.kind {
                Kind::String => self.text_value(),
                Kind::Number(n) => Value::Number(n),
                Kind::Boolean(b) => Value::Boolean(b),
                Kind::Null => NULL,
                Kind::ObjBegin | Kind::ArrBegin => {
                    let object = token.kind == Kind::ObjBegin;
                    self.descend(stack.len() + 1, used, if object { 3 } else { 2 })?;
                    self.s.check_alloc(0)?;
                    let first = self.next_token();
                    if first.kind == (if object { Kind::ObjEnd } else { Kind::ArrEnd }) {
                        Value::Table(self.s.heap.new_table(0, 0))
                    } else {
                        let frame = if object {
                            let key = self.object_key(first)?;
                            token = self.next_token();
                            Frame::Object {
                                start: fields.len(),
                                key,
                            }
                        } else {
                            token = first;
                            Frame::Array { start: items.len() }
                        };
                        used += frame.slots();
                        stack.push(frame);
                        continue;
                    }
                }
                _ => return Err(self.parse_error("value", token)),
            };
            // Store the finished value in its container; close containers that end here.
            loop {
                let Some(frame) = stack.last_mut() else {
                    let end = self.next_token();
                    if end.kind != Kind::End {
                        return Err(self.parse_error("the end", end));
                    }
                    return Ok(value);
                };
                let after = self.next_token();
                match frame {
                    Frame::Array { start } => {
                        items.push(value);
                        match after.kind {
                            Kind::ArrEnd => value = self.array_table(&mut items, *start),
                            Kind::Comma => {
                                token = self.next_token();
                                break;
                            }
                            _ => return Err(self.parse_error("comma or array end", after)),
                        }
                    }
                    Frame::Object { start, key } => {
                        fields.push((*key, value));
                        match after.kind {
                            Kind::ObjEnd => value = self.object_table(&mut fields, *start),
                            Kind::Comma => {
                                let key_token = self.next_token();
                                let key = self.object_key(key_token)?;
                                if let Some(Frame::Object { key: k, .. }) = stack.last_mut() {
                                    *k = key;
                                }
                                token = self.next_token();
                                break;
                            }
                            _ => return Err(self.parse_error("comma or object end", after)),
                        }
                    }
                }
                if let Some(done) = stack.pop() {
                    used -= done.slots();
                }
            }
        }
    }
}
