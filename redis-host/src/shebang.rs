//! The `#!lua ...` first line of scripts and function libraries, split as
//! Redis's `sdssplitargs` does.

/// Splits a line into arguments like `sdssplitargs`: whitespace separates,
/// `"..."` (with `\n`, `\xHH`... escapes) and `'...'` quote. `None` for
/// unbalanced quotes or a closing quote not followed by a space.
pub fn split_args(line: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < line.len() && line[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= line.len() {
            return Some(out);
        }
        let mut cur = Vec::new();
        let (mut in_dq, mut in_sq) = (false, false);
        loop {
            let c = line.get(i).copied();
            if in_dq {
                match c {
                    None => return None,
                    Some(b'\\') if line.get(i + 1) == Some(&b'x') => {
                        let hex = line.get(i + 2..i + 4).and_then(|h| {
                            std::str::from_utf8(h)
                                .ok()
                                .and_then(|h| u8::from_str_radix(h, 16).ok())
                        });
                        match hex {
                            Some(b) => {
                                cur.push(b);
                                i += 3;
                            }
                            None => cur.push(b'\\'),
                        }
                    }
                    Some(b'\\') if i + 1 < line.len() => {
                        i += 1;
                        cur.push(match line[i] {
                            b'n' => b'\n',
                            b'r' => b'\r',
                            b't' => b'\t',
                            b'b' => 8,
                            b'a' => 7,
                            other => other,
                        });
                    }
                    Some(b'"') => {
                        if line.get(i + 1).is_some_and(|c| !c.is_ascii_whitespace()) {
                            return None;
                        }
                        i += 1;
                        break;
                    }
                    Some(other) => cur.push(other),
                }
            } else if in_sq {
                match c {
                    None => return None,
                    Some(b'\\') if line.get(i + 1) == Some(&b'\'') => {
                        i += 1;
                        cur.push(b'\'');
                    }
                    Some(b'\'') => {
                        if line.get(i + 1).is_some_and(|c| !c.is_ascii_whitespace()) {
                            return None;
                        }
                        i += 1;
                        break;
                    }
                    Some(other) => cur.push(other),
                }
            } else {
                match c {
                    None => break,
                    Some(c) if c.is_ascii_whitespace() => break,
                    Some(b'"') => in_dq = true,
                    Some(b'\'') => in_sq = true,
                    Some(other) => cur.push(other),
                }
            }
            i += 1;
        }
        out.push(cur);
    }
}

/// The arguments of a shebang line and where the code after it starts.
pub type Shebang = (Vec<Vec<u8>>, usize);

/// A body's shebang: the line's arguments, and where the code starts (at
/// the newline, so line numbers stay right). `Ok(None)` without a shebang.
pub fn parse(body: &[u8]) -> Result<Option<Shebang>, String> {
    if !body.starts_with(b"#!") {
        return Ok(None);
    }
    let Some(end) = body.iter().position(|&b| b == b'\n') else {
        return Err("ERR Invalid script shebang".into());
    };
    match split_args(&body[..end]) {
        Some(parts) if !parts.is_empty() => Ok(Some((parts, end))),
        _ => Err("ERR Invalid engine in script shebang".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_sdssplitargs() {
        assert_eq!(
            split_args(b"#!lua  \"flags=no-writes\" x").unwrap(),
            vec![
                b"#!lua".to_vec(),
                b"flags=no-writes".to_vec(),
                b"x".to_vec()
            ]
        );
        assert!(split_args(b"a \"b").is_none());
        assert!(split_args(b"'a'b").is_none());
        assert_eq!(split_args(b"\"\\x41\"").unwrap(), vec![b"A".to_vec()]);
    }

    #[test]
    fn finds_the_code_after_the_first_line() {
        let (parts, start) = parse(b"#!lua flags=no-writes\nreturn 1").unwrap().unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(start, 21);
        assert!(parse(b"#!lua").is_err());
        assert!(parse(b"return 1").unwrap().is_none());
    }
}
