//! Files: C stdio's behaviour (buffered reads and writes, `fscanf("%lf")`,
//! `fseek`, `fopen` modes, `strerror` messages) over Rust's files and
//! standard streams, as lua5.1's liolib.c sees it.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// Bytes written to a file are gathered up to this size before a `write`.
const WRITE_BUFFER: usize = 8192;

/// How writes reach the file (`setvbuf`'s modes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Buffering {
    /// `"no"`: every write goes out at once.
    No,
    /// `"full"`: writes go out when the buffer fills, on flush and on close.
    Full,
    /// `"line"`: as full, and also at each newline.
    Line,
}

enum Stream {
    File(BufReader<File>),
    /// `io.popen(cmd, "r")`: the command's output (`None` once closed).
    PipeFrom(Option<BufReader<ChildStdout>>, Child),
    /// `io.popen(cmd, "w")`: the command's input (`None` once closed).
    PipeTo(Option<ChildStdin>, Child),
    Stdin,
    Stdout,
    Stderr,
}

/// An open file or standard stream.
pub struct LuaFile {
    stream: Stream,
    pending_write: Vec<u8>,
    buffering: Buffering,
    /// What `fopen`'s mode allows; glibc fails the other direction with `EBADF`.
    readable: bool,
    writable: bool,
}

/// C's `strerror` text of an I/O error (Rust's text without " (os error N)").
pub fn strerror(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The `errno` of an I/O error (0 when it has none).
pub fn errno(e: &io::Error) -> i32 {
    e.raw_os_error().unwrap_or(0)
}

/// glibc's `EBADF`, for reading a write-only stream and the reverse.
const EBADF: i32 = 9;

/// glibc's `EINVAL`, for modes `fopen` rejects.
const EINVAL: i32 = 22;

impl LuaFile {
    /// `io.stdin`.
    pub fn stdin() -> Self {
        Self::with(Stream::Stdin)
    }

    /// `io.stdout`.
    pub fn stdout() -> Self {
        Self::with(Stream::Stdout)
    }

    /// `io.stderr`.
    pub fn stderr() -> Self {
        Self::with(Stream::Stderr)
    }

    fn with(stream: Stream) -> Self {
        LuaFile {
            stream,
            pending_write: Vec::new(),
            buffering: Buffering::Full,
            readable: true,
            writable: true,
        }
    }

    /// `fopen(path, mode)`: `r w a`, each with an optional `+`; other
    /// characters after the first (such as `b`) are ignored as glibc does.
    pub fn open(path: &[u8], mode: &[u8]) -> io::Result<Self> {
        let plus = mode.get(1..).is_some_and(|rest| rest.contains(&b'+'));
        let mut options = OpenOptions::new();
        match mode.first() {
            Some(b'r') => options.read(true).write(plus),
            Some(b'w') => options.write(true).create(true).truncate(true).read(plus),
            Some(b'a') => options.append(true).create(true).read(plus),
            _ => return Err(io::Error::from_raw_os_error(EINVAL)),
        };
        let path = String::from_utf8_lossy(path).into_owned();
        let file = options.open(path)?;
        let mut f = Self::with(Stream::File(BufReader::new(file)));
        f.readable = plus || mode.first() == Some(&b'r');
        f.writable = plus || mode.first() != Some(&b'r');
        Ok(f)
    }

    /// `tmpfile()`: a new file, removed when closed (here: removed at once).
    pub fn temporary() -> io::Result<Self> {
        let path = temporary_name()?;
        let file = OpenOptions::new().read(true).write(true).open(&path)?;
        std::fs::remove_file(&path)?;
        Ok(Self::with(Stream::File(BufReader::new(file))))
    }

    /// `popen(command, mode)`: `/bin/sh -c command` with its output to read
    /// (`r`) or its input to write (`w`).
    pub fn popen(command: &[u8], mode: &[u8]) -> io::Result<Self> {
        let mut sh = Command::new("/bin/sh");
        sh.arg("-c").arg(String::from_utf8_lossy(command).as_ref());
        let stream = match mode.first() {
            Some(b'r') => {
                let mut child = sh.stdout(Stdio::piped()).spawn()?;
                let out = child.stdout.take().map(BufReader::new);
                Stream::PipeFrom(out, child)
            }
            Some(b'w') => {
                let mut child = sh.stdin(Stdio::piped()).spawn()?;
                let input = child.stdin.take();
                Stream::PipeTo(input, child)
            }
            _ => return Err(io::Error::from_raw_os_error(EINVAL)),
        };
        let mut f = Self::with(stream);
        f.readable = mode.first() == Some(&b'r');
        f.writable = !f.readable;
        Ok(f)
    }

    fn reader(&mut self) -> io::Result<Box<dyn BufRead + '_>> {
        if !self.readable {
            return Err(io::Error::from_raw_os_error(EBADF));
        }
        self.flush()?;
        Ok(match &mut self.stream {
            Stream::File(f) => Box::new(f),
            Stream::PipeFrom(Some(r), _) => Box::new(r),
            Stream::Stdin => Box::new(io::stdin().lock()),
            Stream::PipeFrom(None, _) | Stream::PipeTo(..) | Stream::Stdout | Stream::Stderr => {
                return Err(io::Error::from_raw_os_error(EBADF)); // as C reading stdout
            }
        })
    }

    /// The next byte, without consuming it; `None` at end of file.
    fn peek(reader: &mut dyn BufRead) -> io::Result<Option<u8>> {
        Ok(reader.fill_buf()?.first().copied())
    }

    /// `read("*l")`: the next line without its newline; `None` at end of file.
    pub fn read_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        if self.reader()?.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        Ok(Some(line))
    }

    /// `read("*a")`: the rest of the file (empty at end of file).
    pub fn read_all(&mut self) -> io::Result<Vec<u8>> {
        let mut all = Vec::new();
        self.reader()?.read_to_end(&mut all)?;
        Ok(all)
    }

    /// `read(n)` for `n > 0`: up to `n` bytes; `None` at end of file.
    pub fn read_chars(&mut self, n: usize) -> io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        self.reader()?.take(n as u64).read_to_end(&mut out)?;
        Ok((!out.is_empty()).then_some(out))
    }

    /// `read(0)`: whether the file has more to read.
    pub fn at_eof(&mut self) -> io::Result<bool> {
        let mut reader = self.reader()?;
        Ok(Self::peek(&mut *reader)?.is_none())
    }

    /// `read("*n")`: glibc's `fscanf(f, "%lf")`. It skips white space, then
    /// takes characters while they can continue a number; the character that
    /// stops a decimal or hex number stays unread, but inside `nan` or `inf`
    /// a wrong character is consumed before the conversion fails, as glibc does.
    pub fn read_number(&mut self) -> io::Result<Option<f64>> {
        let mut reader = self.reader()?;
        let r: &mut dyn BufRead = &mut *reader;
        while let Some(c) = Self::peek(r)? {
            if !matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                break;
            }
            r.consume(1);
        }
        let mut text = Vec::new();
        let Some(mut c) = Self::peek(r)? else {
            return Ok(None);
        };
        let signed = c == b'+' || c == b'-';
        if signed {
            r.consume(1);
            text.push(c);
            match Self::peek(r)? {
                Some(next) => c = next,
                None => return Ok(None),
            }
        }
        let word: &[u8] = match c.to_ascii_lowercase() {
            b'n' => b"nan",
            b'i' => b"inf",
            _ => b"",
        };
        if !word.is_empty() {
            if !Self::expect_word(r, word, &mut text)? {
                return Ok(None);
            }
            if word == b"inf"
                && Self::peek(r)?.map(|c| c.to_ascii_lowercase()) == Some(b'i')
                && !Self::expect_word(r, b"inity", &mut text)?
            {
                return Ok(None);
            }
            return Ok(Some(lua_core::number::strtod(&text).0));
        }
        let mut hex = false;
        let mut got_digit = false;
        if c == b'0' {
            r.consume(1);
            text.push(c);
            match Self::peek(r)? {
                Some(x) if x.eq_ignore_ascii_case(&b'x') => {
                    r.consume(1);
                    text.push(x);
                    hex = true;
                }
                _ => got_digit = true,
            }
        }
        let exp_char = if hex { b'p' } else { b'e' };
        let (mut got_dot, mut got_e) = (false, false);
        while let Some(c) = Self::peek(r)? {
            if c.is_ascii_digit() || (!got_e && hex && c.is_ascii_hexdigit()) {
                got_digit = true;
            } else if got_e && text.last() == Some(&exp_char) && (c == b'-' || c == b'+') {
            } else if got_digit && !got_e && c.to_ascii_lowercase() == exp_char {
                got_e = true;
                got_dot = true;
            } else if !got_dot && c == b'.' {
                got_dot = true;
            } else {
                break;
            }
            r.consume(1);
            text.push(if c.to_ascii_lowercase() == exp_char {
                exp_char
            } else {
                c
            });
        }
        let prefix_only = usize::from(signed) + if hex { 2 } else { 0 };
        if text.len() == prefix_only {
            return Ok(None);
        }
        let (value, used) = lua_core::number::strtod(&text);
        Ok((used > 0).then_some(value))
    }

    /// Reads the letters of `word` (any case) into `text`; false at the first
    /// that does not match, which is consumed all the same.
    fn expect_word(r: &mut dyn BufRead, word: &[u8], text: &mut Vec<u8>) -> io::Result<bool> {
        for &want in word {
            let Some(c) = Self::peek(r)? else {
                return Ok(false);
            };
            r.consume(1);
            if c.to_ascii_lowercase() != want {
                return Ok(false);
            }
            text.push(c);
        }
        Ok(true)
    }

    /// `fwrite`: appends to the write buffer, sending it out as the
    /// buffering mode says.
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.stream {
            Stream::Stdout => return io::stdout().write_all(bytes),
            Stream::Stderr => return io::stderr().write_all(bytes),
            Stream::Stdin => return Err(io::Error::from_raw_os_error(EBADF)),
            Stream::File(_) | Stream::PipeFrom(..) | Stream::PipeTo(..) if !self.writable => {
                return Err(io::Error::from_raw_os_error(EBADF))
            }
            Stream::File(_) | Stream::PipeFrom(..) | Stream::PipeTo(..) => {}
        }
        self.pending_write.extend_from_slice(bytes);
        let must_flush = match self.buffering {
            Buffering::No => true,
            Buffering::Line => bytes.contains(&b'\n'),
            Buffering::Full => self.pending_write.len() >= WRITE_BUFFER,
        };
        if must_flush {
            self.flush()?;
        }
        Ok(())
    }

    /// `fflush`.
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.stream {
            Stream::Stdout => io::stdout().flush(),
            Stream::Stderr => io::stderr().flush(),
            Stream::Stdin | Stream::PipeFrom(..) | Stream::PipeTo(None, _) => Ok(()),
            Stream::PipeTo(Some(input), _) => {
                let pending = std::mem::take(&mut self.pending_write);
                input.write_all(&pending)
            }
            Stream::File(f) => {
                if self.pending_write.is_empty() {
                    return Ok(());
                }
                // Drop buffered input so the file position is the logical one.
                if !f.buffer().is_empty() {
                    let at = f.stream_position()?;
                    f.seek(SeekFrom::Start(at))?;
                }
                let pending = std::mem::take(&mut self.pending_write);
                f.get_mut().write_all(&pending)
            }
        }
    }

    /// `setvbuf`.
    pub fn set_buffering(&mut self, mode: Buffering) -> io::Result<()> {
        self.flush()?;
        self.buffering = mode;
        Ok(())
    }

    /// `fseek` then `ftell`: the new position from the start of the file.
    pub fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.flush()?;
        match &mut self.stream {
            Stream::File(f) => f.seek(to),
            // C's standard streams on a terminal or pipe cannot seek.
            _ => Err(io::Error::from_raw_os_error(29)), // ESPIPE
        }
    }

    /// `fclose`: flushes what is left; for a pipe, `pclose`: the pipe is
    /// closed and the command waited for.
    pub fn close(mut self) -> io::Result<()> {
        self.flush()?;
        match &mut self.stream {
            Stream::PipeFrom(out, child) => {
                out.take();
                child.wait().map(drop)
            }
            Stream::PipeTo(input, child) => {
                input.take();
                child.wait().map(drop)
            }
            _ => Ok(()),
        }
    }

    /// Whether this is one of the standard streams (`io.close` refuses them).
    pub fn is_standard(&self) -> bool {
        matches!(self.stream, Stream::Stdin | Stream::Stdout | Stream::Stderr)
    }
}

/// C flushes every open stream when the program ends; a file dropped with
/// its state does the same.
impl Drop for LuaFile {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// `os.tmpname`: as lua5.1 built for Linux does it (`mkstemp` on
/// `/tmp/lua_XXXXXX`), creates a new empty file and returns its name.
pub fn temporary_name() -> io::Result<String> {
    use std::time::{SystemTime, UNIX_EPOCH};
    const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut state = nanos ^ (u64::from(std::process::id()) << 32);
    for _ in 0..100 {
        let suffix: String = (0..6)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                LETTERS[(state >> 58) as usize % LETTERS.len()] as char
            })
            .collect();
        let path = format!("/tmp/lua_{suffix}");
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from_raw_os_error(17)) // EEXIST
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::unescape;

    fn scratch(name: &str, contents: &[u8]) -> String {
        let dir = std::env::temp_dir().join(format!("redmoon-io-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(name);
        std::fs::write(&path, contents).expect("write");
        path.to_string_lossy().into_owned()
    }

    /// The reads of io1.lua's session on lua5.1 (see the library tests).
    #[test]
    fn reads_as_lua51() {
        let path = scratch("reads", b"12 3.5e1 0x10 abc\n42\nline3\n\nlast");
        let mut f = LuaFile::open(path.as_bytes(), b"r").expect("open");
        let numbers: Vec<Option<f64>> = (0..4).map(|_| f.read_number().expect("read")).collect();
        assert_eq!(numbers, [Some(12.0), Some(35.0), Some(16.0), None]);
        assert_eq!(f.read_line().expect("read"), Some(b"abc".to_vec()));
        assert_eq!(f.read_line().expect("read"), Some(b"42".to_vec()));
        assert_eq!(f.read_chars(3).expect("read"), Some(b"lin".to_vec()));
        assert!(!f.at_eof().expect("read"));
        assert_eq!(f.read_line().expect("read"), Some(b"e3".to_vec()));
        assert_eq!(f.read_line().expect("read"), Some(Vec::new()));
        assert_eq!(f.read_all().expect("read"), b"last");
        assert_eq!(f.read_all().expect("read"), b"");
        assert_eq!(f.read_line().expect("read"), None);
        assert!(f.at_eof().expect("read"));
        assert_eq!(f.read_chars(1).expect("read"), None);
        assert_eq!(f.seek(SeekFrom::Start(3)).expect("seek"), 3);
        assert_eq!(f.read_chars(4).expect("read"), Some(b"3.5e".to_vec()));
        assert_eq!(f.seek(SeekFrom::Current(0)).expect("seek"), 7);
        assert_eq!(f.seek(SeekFrom::End(0)).expect("seek"), 32);
        assert_eq!(f.seek(SeekFrom::Current(-4)).expect("seek"), 28);
        assert_eq!(f.read_all().expect("read"), b"last");
    }

    #[test]
    fn writes_reach_the_file() {
        let path = scratch("writes", b"");
        let mut f = LuaFile::open(path.as_bytes(), b"w").expect("open");
        f.write(b"hello ").expect("write");
        f.write(b"world\n").expect("write");
        f.close().expect("close");
        assert_eq!(std::fs::read(&path).expect("read"), b"hello world\n");
        let mut f = LuaFile::open(path.as_bytes(), b"r+").expect("open");
        assert_eq!(f.read_chars(6).expect("read"), Some(b"hello ".to_vec()));
        f.write(b"WORLD").expect("write");
        f.close().expect("close");
        assert_eq!(std::fs::read(&path).expect("read"), b"hello WORLD\n");
    }

    #[test]
    fn open_errors_as_c() {
        let e = LuaFile::open(b"/nonexistent/x", b"r").err().expect("error");
        assert_eq!(
            (strerror(&e), errno(&e)),
            ("No such file or directory".to_string(), 2)
        );
        let e = LuaFile::open(b"/tmp", b"q").err().expect("error");
        assert_eq!(
            (strerror(&e), errno(&e)),
            ("Invalid argument".to_string(), 22)
        );
    }

    #[test]
    fn temporary_names_are_new_files() {
        let a = temporary_name().expect("tmpname");
        let b = temporary_name().expect("tmpname");
        assert_ne!(a, b);
        assert!(
            a.starts_with("/tmp/lua_") && a.len() == "/tmp/lua_XXXXXX".len(),
            "{a}"
        );
        assert_eq!(std::fs::read(&a).expect("created"), b"");
        std::fs::remove_file(a).expect("remove");
        std::fs::remove_file(b).expect("remove");
        let mut f = LuaFile::temporary().expect("tmpfile");
        f.write(b"abc").expect("write");
        f.seek(SeekFrom::Start(0)).expect("seek");
        assert_eq!(f.read_all().expect("read"), b"abc");
    }

    /// `read("*n")` until it fails, then `read("*a")`, on random texts
    /// (testdata/read_number.lua): glibc's fscanf, consumed characters included.
    #[test]
    fn read_number_as_glibc() {
        let mut failures = Vec::new();
        for (i, line) in include_str!("testdata/read_number.txt").lines().enumerate() {
            let f: Vec<&str> = line.split('\t').collect();
            let [text, numbers, rest] = f[..] else {
                panic!("bad line {line:?}");
            };
            let path = scratch(&format!("number{i}"), &unescape(text));
            let mut file = LuaFile::open(path.as_bytes(), b"r").expect("open");
            let mut got = Vec::new();
            while let Some(n) = file.read_number().expect("read") {
                got.push(format!("{n:?}"));
            }
            let want: Vec<String> = numbers
                .split('|')
                .filter(|n| !n.is_empty())
                .map(|n| format!("{:?}", n.parse::<f64>().expect("number")))
                .collect();
            let got_rest = file.read_all().expect("read");
            if got != want || got_rest != unescape(rest) {
                failures.push(format!(
                    "{text:?}: want {want:?} {rest:?}, got {got:?} {:?}",
                    String::from_utf8_lossy(&got_rest)
                ));
            }
            std::fs::remove_file(path).expect("remove");
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures[..failures.len().min(30)].join("\n")
        );
    }
}
