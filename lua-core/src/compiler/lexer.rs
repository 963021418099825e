//! The lexer: Lua 5.1's tokens, read as llex.c reads them.
//!
//! `logos` scans the regular tokens (names, keywords, operators, numerals,
//! newlines, blanks). What is not regular is read by hand here, as llex.c
//! does it: long brackets `[==[ ... ]==]` of any level (strings and
//! comments), short strings with their escapes, and comments. The lexer
//! keeps llex.c's bookkeeping that error messages depend on: the current
//! line (`\n`, `\r`, `\r\n` and `\n\r` each end one line), the line of the
//! last token consumed, and the text of the last token scanned, which is
//! what `near '...'` shows for names, strings and numbers.

use std::borrow::Cow;

use logos::Logos;

use super::Error;
use crate::number::str_to_number;

/// A token, as the parser sees it. Single-character tokens (operators,
/// punctuation, and any other byte) are `Char`, as in llex.c where such a
/// token is the character itself.
///
/// Names, and strings without escapes, borrow their text from the source.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Token<'a> {
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    Concat,
    Dots,
    Eq,
    Ge,
    Le,
    Ne,
    Number(f64),
    Name(&'a [u8]),
    String(Cow<'a, [u8]>),
    Eos,
    Char(u8),
}

impl Token<'_> {
    /// luaX_token2str: how an expected token is named in messages.
    pub(crate) fn describe(&self) -> Vec<u8> {
        let s: &str = match self {
            Token::And => "and",
            Token::Break => "break",
            Token::Do => "do",
            Token::Else => "else",
            Token::Elseif => "elseif",
            Token::End => "end",
            Token::False => "false",
            Token::For => "for",
            Token::Function => "function",
            Token::If => "if",
            Token::In => "in",
            Token::Local => "local",
            Token::Nil => "nil",
            Token::Not => "not",
            Token::Or => "or",
            Token::Repeat => "repeat",
            Token::Return => "return",
            Token::Then => "then",
            Token::True => "true",
            Token::Until => "until",
            Token::While => "while",
            Token::Concat => "..",
            Token::Dots => "...",
            Token::Eq => "==",
            Token::Ge => ">=",
            Token::Le => "<=",
            Token::Ne => "~=",
            Token::Number(_) => "<number>",
            Token::Name(_) => "<name>",
            Token::String(_) => "<string>",
            Token::Eos => "<eof>",
            Token::Char(c) => {
                return if c.is_ascii_control() {
                    format!("char({c})").into_bytes()
                } else {
                    vec![*c]
                };
            }
        };
        s.as_bytes().to_vec()
    }
}

/// The regular part of the token grammar.
#[derive(Logos, Clone, Copy, Debug, PartialEq)]
#[logos(utf8 = false)]
#[logos(skip r"[ \t\x0b\x0c]+")]
enum Raw {
    #[regex(r"\r\n|\n\r|\n|\r")]
    Newline,
    #[regex(r"[A-Za-z_][A-Za-z0-9_]*")]
    Name,
    /// What llex.c's read_numeral consumes: digits and dots, an optional
    /// exponent mark with its sign, then any letters, digits and `_`.
    /// llex.c tests the mark and the sign with `strchr`, which also finds
    /// the string's terminating NUL: a NUL byte passes for either (and the
    /// numeral's value then ends there, as C reads it).
    #[regex(r"[0-9][0-9.]*([Ee\x00][+\x00-]?)?[A-Za-z0-9_]*")]
    #[regex(r"\.[0-9][0-9.]*([Ee\x00][+\x00-]?)?[A-Za-z0-9_]*")]
    Numeral,
    #[token("--")]
    Comment,
    #[regex(r"\[=*\[")]
    LongBracket,
    #[regex(r"\[=+")]
    BadLongBracket,
    #[token("\"")]
    #[token("'")]
    Quote,
    /// `..` and `...`; the dots after the first are tested with `strchr`
    /// too, so a NUL byte passes for one (see `Numeral`).
    #[regex(r"\.[.\x00][.\x00]")]
    Dots,
    #[regex(r"\.[.\x00]")]
    Concat,
    #[token("==")]
    Eq,
    #[token(">=")]
    Ge,
    #[token("<=")]
    Le,
    #[token("~=")]
    Ne,
    #[regex(r"(?s-u:.)", priority = 0)]
    Char,
}

fn keyword(name: &[u8]) -> Option<Token<'static>> {
    Some(match name {
        b"and" => Token::And,
        b"break" => Token::Break,
        b"do" => Token::Do,
        b"else" => Token::Else,
        b"elseif" => Token::Elseif,
        b"end" => Token::End,
        b"false" => Token::False,
        b"for" => Token::For,
        b"function" => Token::Function,
        b"if" => Token::If,
        b"in" => Token::In,
        b"local" => Token::Local,
        b"nil" => Token::Nil,
        b"not" => Token::Not,
        b"or" => Token::Or,
        b"repeat" => Token::Repeat,
        b"return" => Token::Return,
        b"then" => Token::Then,
        b"true" => Token::True,
        b"until" => Token::Until,
        b"while" => Token::While,
        _ => return None,
    })
}

fn is_newline(c: Option<&u8>) -> bool {
    matches!(c, Some(b'\n' | b'\r'))
}

/// The lexer state the parser drives (llex.c's LexState).
pub(crate) struct Lexer<'a> {
    src: &'a [u8],
    raw: logos::Lexer<'a, Raw>,
    /// Line of the input the lexer has reached.
    pub(crate) linenumber: u32,
    /// Line of the last token consumed.
    pub(crate) lastline: u32,
    /// The current token.
    pub(crate) token: Token<'a>,
    ahead: Option<Token<'a>>,
    /// Text of the last token scanned (llex.c's buffer), shown by `near`.
    buffer: Vec<u8>,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a [u8]) -> Lexer<'a> {
        Lexer {
            src,
            raw: Raw::lexer(src),
            linenumber: 1,
            lastline: 1,
            token: Token::Eos,
            ahead: None,
            buffer: Vec::new(),
        }
    }

    /// luaX_next: consumes the current token.
    pub(crate) fn next(&mut self) -> Result<(), Error> {
        self.lastline = self.linenumber;
        self.token = match self.ahead.take() {
            Some(t) => t,
            None => self.scan()?,
        };
        Ok(())
    }

    /// luaX_lookahead: the token after the current one.
    pub(crate) fn lookahead(&mut self) -> Result<&Token<'a>, Error> {
        if self.ahead.is_none() {
            self.ahead = Some(self.scan()?);
        }
        Ok(self.ahead.get_or_insert(Token::Eos))
    }

    /// txtToken: how the current token is shown after `near`.
    pub(crate) fn near_text(&self, token: &Token) -> Vec<u8> {
        match token {
            Token::Name(_) | Token::String(_) | Token::Number(_) => self.buffer.clone(),
            other => other.describe(),
        }
    }

    /// Moves the scanner to absolute position `pos` (after hand-reading).
    fn seek(&mut self, pos: usize) {
        let end = self.raw.span().end;
        if pos > end {
            self.raw.bump(pos - end);
        }
    }

    /// Consumes a line break starting at `pos` (llex.c's inclinenumber) and
    /// returns the position after it.
    fn newline_at(&mut self, pos: usize) -> Result<usize, Error> {
        let old = self.src.get(pos).copied();
        let mut p = pos + 1;
        if is_newline(self.src.get(p)) && self.src.get(p).copied() != old {
            p += 1;
        }
        self.count_line()?;
        Ok(p)
    }

    fn count_line(&mut self) -> Result<(), Error> {
        self.linenumber += 1;
        if self.linenumber >= i32::MAX as u32 {
            return Err(Error::syntax("chunk has too many lines"));
        }
        Ok(())
    }

    /// llex: reads the next token.
    fn scan(&mut self) -> Result<Token<'a>, Error> {
        self.buffer.clear();
        loop {
            let raw = match self.raw.next() {
                None => return Ok(Token::Eos),
                Some(Ok(raw)) => raw,
                // Every byte matches `Char`, so logos reports no error;
                // treat one anyway as the byte it stopped at.
                Some(Err(())) => Raw::Char,
            };
            let span = self.raw.span();
            let text = self.raw.slice();
            return Ok(match raw {
                Raw::Newline => {
                    self.count_line()?;
                    continue;
                }
                Raw::Comment => {
                    self.skip_comment(span.end)?;
                    continue;
                }
                Raw::Name => match keyword(text) {
                    Some(k) => k,
                    None => {
                        self.buffer.extend_from_slice(text);
                        Token::Name(text)
                    }
                },
                Raw::Numeral => {
                    self.buffer.extend_from_slice(text);
                    match str_to_number(text) {
                        Some(n) => Token::Number(n),
                        None => return Err(Error::lex("malformed number", Some(text.to_vec()))),
                    }
                }
                Raw::LongBracket => {
                    let level = text.len() - 2;
                    self.buffer.extend_from_slice(text);
                    let end = self.read_long(span.end, level, true)?;
                    self.seek(end);
                    self.string_token(span.start, end, level + 2)
                }
                Raw::BadLongBracket => {
                    return Err(Error::lex(
                        "invalid long string delimiter",
                        Some(text.to_vec()),
                    ))
                }
                Raw::Quote => {
                    let end = self.read_string(span.start)?;
                    self.seek(end);
                    self.string_token(span.start, end, 1)
                }
                Raw::Dots => Token::Dots,
                Raw::Concat => Token::Concat,
                Raw::Eq => Token::Eq,
                Raw::Ge => Token::Ge,
                Raw::Le => Token::Le,
                Raw::Ne => Token::Ne,
                Raw::Char => Token::Char(text.first().copied().unwrap_or(0)),
            });
        }
    }

    /// The string token whose text (with delimiters of `delim` bytes each
    /// side) is `src[start..end]` and whose value is in the buffer: it
    /// borrows the source when no escape or line break changed the text.
    fn string_token(&self, start: usize, end: usize, delim: usize) -> Token<'a> {
        let value = &self.buffer[delim..self.buffer.len() - delim];
        let src: &'a [u8] = self.src;
        match src.get(start + delim..end - delim) {
            Some(raw) if raw == value => Token::String(Cow::Borrowed(raw)),
            _ => Token::String(Cow::Owned(value.to_vec())),
        }
    }

    /// Skips a comment whose `--` ends at `pos`.
    fn skip_comment(&mut self, pos: usize) -> Result<(), Error> {
        if self.src.get(pos) == Some(&b'[') {
            let mut p = pos + 1;
            while self.src.get(p) == Some(&b'=') {
                p += 1;
            }
            if self.src.get(p) == Some(&b'[') {
                let end = self.read_long(p + 1, p - pos - 1, false)?;
                self.seek(end);
                return Ok(());
            }
        }
        let end = self.src[pos..]
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .map_or(self.src.len(), |n| pos + n);
        self.seek(end);
        Ok(())
    }

    /// Counts the `=` of a bracket `[==[` or `]==]` starting at `pos`
    /// (llex.c's skip_sep): the level if the bracket is complete.
    fn bracket_level(&self, pos: usize) -> Option<(usize, usize)> {
        let open = *self.src.get(pos)?;
        let mut p = pos + 1;
        while self.src.get(p) == Some(&b'=') {
            p += 1;
        }
        (self.src.get(p) == Some(&open)).then_some((p - pos - 1, p + 1))
    }

    /// Reads the body of a long bracket from `pos` (just after the opening
    /// bracket) through the closing bracket of the same level; returns the
    /// position after it. For a string (`keep`), the body and closing bracket
    /// are appended to the buffer with line breaks as `\n`.
    fn read_long(&mut self, mut pos: usize, level: usize, keep: bool) -> Result<usize, Error> {
        if is_newline(self.src.get(pos)) {
            pos = self.newline_at(pos)?;
        }
        loop {
            match self.src.get(pos) {
                None => {
                    let msg = if keep {
                        "unfinished long string"
                    } else {
                        "unfinished long comment"
                    };
                    return Err(Error::lex(msg, Some(b"<eof>".to_vec())));
                }
                Some(b'[') => {
                    if let Some((inner, after)) = self.bracket_level(pos) {
                        if inner == level && level == 0 {
                            return Err(Error::lex(
                                "nesting of [[...]] is deprecated",
                                Some(b"[".to_vec()),
                            ));
                        }
                        if inner == level {
                            self.keep(keep, pos, after);
                            pos = after;
                            continue;
                        }
                    }
                    // Like skip_sep, consume the `[` and its `=`s only.
                    let mut p = pos + 1;
                    while self.src.get(p) == Some(&b'=') {
                        p += 1;
                    }
                    self.keep(keep, pos, p);
                    pos = p;
                }
                Some(b']') => {
                    if let Some((inner, after)) = self.bracket_level(pos) {
                        if inner == level {
                            self.keep(keep, pos, after);
                            return Ok(after);
                        }
                    }
                    let mut p = pos + 1;
                    while self.src.get(p) == Some(&b'=') {
                        p += 1;
                    }
                    self.keep(keep, pos, p);
                    pos = p;
                }
                Some(b'\n' | b'\r') => {
                    if keep {
                        self.buffer.push(b'\n');
                    }
                    pos = self.newline_at(pos)?;
                }
                Some(_) => {
                    let run = self.src[pos..]
                        .iter()
                        .position(|&c| matches!(c, b'[' | b']' | b'\n' | b'\r'))
                        .unwrap_or(self.src.len() - pos);
                    self.keep(keep, pos, pos + run);
                    pos += run;
                }
            }
        }
    }

    fn keep(&mut self, keep: bool, from: usize, to: usize) {
        if keep {
            self.buffer.extend_from_slice(&self.src[from..to]);
        }
    }

    /// Reads a short string whose delimiter is at `start`; returns the
    /// position after the closing delimiter. The buffer gets the string with
    /// its delimiters and escapes resolved, as llex.c's read_string saves it.
    fn read_string(&mut self, start: usize) -> Result<usize, Error> {
        let del = self.src[start];
        self.buffer.push(del);
        let mut pos = start + 1;
        loop {
            let c = match self.src.get(pos) {
                None => return Err(Error::lex("unfinished string", Some(b"<eof>".to_vec()))),
                Some(&c) => c,
            };
            if c == del {
                self.buffer.push(c);
                return Ok(pos + 1);
            }
            match c {
                b'\n' | b'\r' => {
                    return Err(Error::lex("unfinished string", Some(self.buffer.clone())))
                }
                b'\\' => {
                    pos += 1;
                    let e = match self.src.get(pos) {
                        None => continue,
                        Some(&e) => e,
                    };
                    let resolved = match e {
                        b'a' => 7,
                        b'b' => 8,
                        b'f' => 12,
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'v' => 11,
                        b'\n' | b'\r' => {
                            self.buffer.push(b'\n');
                            pos = self.newline_at(pos)?;
                            continue;
                        }
                        b'0'..=b'9' => {
                            let mut value = 0u32;
                            let mut digits = 0;
                            while digits < 3 {
                                match self.src.get(pos) {
                                    Some(&d) if d.is_ascii_digit() => {
                                        value = value * 10 + u32::from(d - b'0');
                                        pos += 1;
                                        digits += 1;
                                    }
                                    _ => break,
                                }
                            }
                            match u8::try_from(value) {
                                Ok(v) => self.buffer.push(v),
                                Err(_) => {
                                    return Err(Error::lex(
                                        "escape sequence too large",
                                        Some(self.buffer.clone()),
                                    ))
                                }
                            }
                            continue;
                        }
                        other => other,
                    };
                    self.buffer.push(resolved);
                    pos += 1;
                }
                _ => {
                    self.buffer.push(c);
                    pos += 1;
                }
            }
        }
    }
}
