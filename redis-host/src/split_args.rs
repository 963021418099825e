//! Redis's `sdssplitargs`: how Redis splits an inline request and a
//! script's `#!` line into arguments. The server's inline protocol and the
//! shebang parser both use it.

/// Whether C's `isspace` holds for `c`.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Splits `line` like `sdssplitargs`: blanks separate (`isspace` before an
/// argument, space/tab/CR/LF after one), `"..."` takes C escapes (`\n`,
/// `\xHH`...), `'...'` takes only `\'`. As in C, the line ends at its first
/// NUL. `None` when a quote is not closed or is followed by something other
/// than a space.
pub fn split_args(line: &[u8]) -> Option<Vec<Vec<u8>>> {
    let line = match line.iter().position(|&c| c == 0) {
        Some(nul) => &line[..nul],
        None => line,
    };
    let mut args = Vec::new();
    let mut i = 0;
    loop {
        while i < line.len() && is_space(line[i]) {
            i += 1;
        }
        if i >= line.len() {
            return Some(args);
        }
        let mut current = Vec::new();
        let mut in_dq = false;
        let mut in_sq = false;
        loop {
            let c = line.get(i).copied();
            if in_dq {
                match c {
                    None => return None,
                    Some(b'\\') if line.get(i + 1) == Some(&b'x') => {
                        let hi = line.get(i + 2).and_then(|&c| hex_value(c));
                        let lo = line.get(i + 3).and_then(|&c| hex_value(c));
                        if let (Some(hi), Some(lo)) = (hi, lo) {
                            current.push(hi * 16 + lo);
                            i += 3;
                        } else {
                            current.push(b'\\');
                        }
                    }
                    Some(b'\\') if i + 1 < line.len() => {
                        i += 1;
                        current.push(match line[i] {
                            b'n' => b'\n',
                            b'r' => b'\r',
                            b't' => b'\t',
                            b'b' => 8,
                            b'a' => 7,
                            other => other,
                        });
                    }
                    Some(b'"') => {
                        // The closing quote must end the argument.
                        if line.get(i + 1).is_some_and(|&c| !is_space(c)) {
                            return None;
                        }
                        i += 1;
                        break;
                    }
                    Some(c) => current.push(c),
                }
            } else if in_sq {
                match c {
                    None => return None,
                    Some(b'\\') if line.get(i + 1) == Some(&b'\'') => {
                        i += 1;
                        current.push(b'\'');
                    }
                    Some(b'\'') => {
                        if line.get(i + 1).is_some_and(|&c| !is_space(c)) {
                            return None;
                        }
                        i += 1;
                        break;
                    }
                    Some(c) => current.push(c),
                }
            } else {
                match c {
                    None | Some(b' ' | b'\n' | b'\r' | b'\t') => break,
                    Some(b'"') => in_dq = true,
                    Some(b'\'') => in_sq = true,
                    Some(c) => current.push(c),
                }
            }
            i += 1;
        }
        args.push(current);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(
            split_args(b"a \"\\x41\\n\" 'it\\'s'").unwrap(),
            vec![b"a".to_vec(), b"A\n".to_vec(), b"it's".to_vec()]
        );
        assert_eq!(
            split_args(b"#!lua  \"flags=no-writes\" x").unwrap(),
            vec![
                b"#!lua".to_vec(),
                b"flags=no-writes".to_vec(),
                b"x".to_vec()
            ]
        );
        assert_eq!(split_args(b"\"\\x41\"").unwrap(), vec![b"A".to_vec()]);
        assert_eq!(split_args(b"\"a\"b"), None);
        assert_eq!(split_args(b"'a'b"), None);
        assert_eq!(split_args(b"a \"b"), None);
    }

    #[test]
    fn blanks_and_nul_as_redis_sees_them() {
        // Vertical tab and form feed are skipped before an argument but do
        // not end one (redis-server 7.0: `ECHO a\vb` echoes "a\vb").
        assert_eq!(
            split_args(b"\x0bECHO a\x0bb").unwrap(),
            vec![b"ECHO".to_vec(), b"a\x0bb".to_vec()]
        );
        assert_eq!(split_args(b"\"a\"\x0b").unwrap(), vec![b"a".to_vec()]);
        // The line ends at a NUL, as a C string does.
        assert_eq!(split_args(b"PING\0x").unwrap(), vec![b"PING".to_vec()]);
        assert_eq!(split_args(b"\"a\0b\""), None);
    }
}
