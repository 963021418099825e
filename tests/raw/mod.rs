//! A raw RESP connection for tests that want the server's exact bytes, and no client
//! library handshake (which would run into BUSY while a script runs).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use redmoon_server::ServerHandle;

/// A raw connection that reads replies as the server wrote them.
pub struct Raw(pub BufReader<TcpStream>);

impl Raw {
    pub fn connect(server: &ServerHandle) -> Raw {
        let s = TcpStream::connect(server.addr()).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        Raw(BufReader::new(s))
    }

    pub fn send(&mut self, args: &[&str]) {
        let mut out = format!("*{}\r\n", args.len());
        for a in args {
            out.push_str(&format!("${}\r\n{a}\r\n", a.len()));
        }
        self.0.get_mut().write_all(out.as_bytes()).expect("write");
    }

    /// One reply, as text: simple replies keep their type byte, a bulk string is its
    /// content, `(nil)` a null, and an array its elements joined by `,` in brackets.
    pub fn read(&mut self) -> String {
        let mut line = String::new();
        self.0.read_line(&mut line).expect("read");
        let line = line.trim_end().to_string();
        if let Some(len) = line.strip_prefix('$') {
            let Ok(len) = len.parse::<usize>() else {
                return "(nil)".to_string();
            };
            let mut body = vec![0u8; len + 2];
            self.0.read_exact(&mut body).expect("read bulk");
            return String::from_utf8_lossy(&body[..len]).into_owned();
        }
        if let Some(n) = line.strip_prefix('*') {
            let n: i64 = n.parse().unwrap_or(-1);
            let items: Vec<String> = (0..n.max(0)).map(|_| self.read()).collect();
            return format!("[{}]", items.join(","));
        }
        line
    }

    pub fn call(&mut self, args: &[&str]) -> String {
        self.send(args);
        self.read()
    }
}
