//! Glob-style matching as Redis's `stringmatchlen` (KEYS, SCAN MATCH, PSUBSCRIBE,
//! CONFIG GET, ACL key patterns).

/// Whether `s` matches `pattern` (`*`, `?`, `[a-z]`, `[^x]`, `\` escapes).
pub fn glob_match(pattern: &[u8], s: &[u8], nocase: bool) -> bool {
    let mut skip_longer = false;
    matches(pattern, s, nocase, 0, &mut skip_longer)
}

fn eq(a: u8, b: u8, nocase: bool) -> bool {
    if nocase {
        a.eq_ignore_ascii_case(&b)
    } else {
        a == b
    }
}

/// `skip_longer` is Redis's cut-off: once the rest of a pattern after a `*` matched
/// nowhere in the rest of the string, earlier `*`s need not try longer matches, which
/// keeps patterns like `*a*a*a*a*b` polynomial.
fn matches(mut p: &[u8], mut s: &[u8], nocase: bool, depth: usize, skip_longer: &mut bool) -> bool {
    // Bounded recursion, as Redis bounds it, against patterns like `*****...`.
    if depth > 1000 {
        return false;
    }
    while let Some(&c) = p.first() {
        match c {
            b'*' => {
                while p.len() > 1 && p[1] == b'*' {
                    p = &p[1..];
                }
                if p.len() == 1 {
                    return true;
                }
                while !s.is_empty() {
                    if matches(&p[1..], s, nocase, depth + 1, skip_longer) {
                        return true;
                    }
                    if *skip_longer {
                        return false;
                    }
                    s = &s[1..];
                }
                *skip_longer = true;
                return false;
            }
            b'?' => {
                if s.is_empty() {
                    return false;
                }
                s = &s[1..];
            }
            b'[' => {
                let Some(&sc) = s.first() else {
                    return false;
                };
                p = &p[1..];
                let not = p.first() == Some(&b'^');
                if not {
                    p = &p[1..];
                }
                let mut matched = false;
                loop {
                    match p.first() {
                        None => break,
                        Some(b'\\') if p.len() >= 2 => {
                            p = &p[1..];
                            if p[0] == sc {
                                matched = true;
                            }
                        }
                        Some(b']') => break,
                        Some(_) if p.len() >= 3 && p[1] == b'-' => {
                            let (mut start, mut end) = (p[0], p[2]);
                            if start > end {
                                std::mem::swap(&mut start, &mut end);
                            }
                            let (lo, hi, ch) = if nocase {
                                (
                                    start.to_ascii_lowercase(),
                                    end.to_ascii_lowercase(),
                                    sc.to_ascii_lowercase(),
                                )
                            } else {
                                (start, end, sc)
                            };
                            if ch >= lo && ch <= hi {
                                matched = true;
                            }
                            p = &p[2..];
                        }
                        Some(&pc) => {
                            if eq(pc, sc, nocase) {
                                matched = true;
                            }
                        }
                    }
                    p = &p[1..];
                }
                if not {
                    matched = !matched;
                }
                if !matched {
                    return false;
                }
                s = &s[1..];
                if p.is_empty() {
                    // Unclosed class: Redis treats the end of the pattern as its close.
                    return s.is_empty();
                }
            }
            b'\\' if p.len() >= 2 => {
                p = &p[1..];
                if s.first().is_none_or(|&sc| !eq(p[0], sc, nocase)) {
                    return false;
                }
                s = &s[1..];
            }
            _ => {
                if s.first().is_none_or(|&sc| !eq(c, sc, nocase)) {
                    return false;
                }
                s = &s[1..];
            }
        }
        p = &p[1..];
    }
    s.is_empty()
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn patterns_match_like_redis() {
        assert!(glob_match(b"h?llo", b"hello", false));
        assert!(glob_match(b"h*llo", b"heeeello", false));
        assert!(glob_match(b"h[ae]llo", b"hallo", false));
        assert!(!glob_match(b"h[^e]llo", b"hello", false));
        assert!(glob_match(b"h[a-b]llo", b"hbllo", false));
        assert!(glob_match(b"*", b"", false));
        assert!(!glob_match(b"a", b"A", false));
        assert!(glob_match(b"a", b"A", true));
        assert!(glob_match(b"a\\*", b"a*", false));
        assert!(glob_match(b"a*b*", b"ab", false));
        assert!(!glob_match(b"*b", b"", false));
        let evil = b"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
        assert!(!glob_match(evil, &[b'a'; 5000], false));
    }
}
