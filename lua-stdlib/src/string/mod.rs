//! The `string` library: patterns, `string.format` and the index rules of
//! `sub`, `byte` and `find`.

pub mod format;
pub mod pattern;

/// lstrlib.c `posrelat`: a negative position counts from the end of a string
/// of `len` bytes (-1 is the last byte); anything before the start is 0.
pub fn posrelat(pos: i64, len: usize) -> i64 {
    let pos = if pos < 0 {
        pos.saturating_add(len as i64 + 1)
    } else {
        pos
    };
    pos.max(0)
}

/// The byte range `string.sub(s, i, j)` takes from a string of `len` bytes
/// (empty when the positions cross).
pub fn sub_range(i: i64, j: i64, len: usize) -> std::ops::Range<usize> {
    let start = posrelat(i, len).max(1);
    let end = posrelat(j, len).min(len as i64);
    if start > end {
        0..0
    } else {
        (start - 1) as usize..end as usize
    }
}

/// `str_find_aux`'s start: `init` made relative, minus one, clamped to the string.
pub fn find_start(init: i64, len: usize) -> usize {
    (posrelat(init, len) - 1).clamp(0, len as i64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(s: &str, i: i64, j: i64) -> &str {
        &s[sub_range(i, j, s.len())]
    }

    /// string.sub cases checked on lua5.1.
    #[test]
    fn sub_as_lua51() {
        assert_eq!(sub("hello", 2, -1), "ello");
        assert_eq!(sub("hello", -3, -1), "llo");
        assert_eq!(sub("hello", 2, -2), "ell");
        assert_eq!(sub("hello", 0, -1), "hello");
        assert_eq!(sub("hello", 10, -1), "");
        assert_eq!(sub("hello", -10, 2), "he");
        assert_eq!(sub("hello", 3, 2), "");
        assert_eq!(sub("hello", i64::MIN, i64::MAX), "hello");
        assert_eq!(sub("", 1, -1), "");
    }

    #[test]
    fn find_start_as_lua51() {
        assert_eq!(find_start(1, 3), 0);
        assert_eq!(find_start(10, 3), 3);
        assert_eq!(find_start(-1, 3), 2);
        assert_eq!(find_start(-10, 3), 0);
        assert_eq!(find_start(0, 3), 0);
    }
}
