//! The `#!lua ...` first line of scripts and function libraries, split as
//! Redis's `sdssplitargs` does.

use crate::split_args::split_args;

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
    fn finds_the_code_after_the_first_line() {
        let (parts, start) = parse(b"#!lua flags=no-writes\nreturn 1").unwrap().unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(start, 21);
        assert!(parse(b"#!lua").is_err());
        assert!(parse(b"return 1").unwrap().is_none());
    }
}
